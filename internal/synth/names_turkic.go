package synth

// Turkic names: Turkey, Azerbaijan, and Central Asia (Uzbekistan, Kazakhstan,
// Kyrgyzstan, Turkmenistan), the last written in Cyrillic in Russian
// spelling, as their passports and the lists of the region do.
//
// Sources: TÜİK (Turkish Statistical Institute) and the General Directorate of
// Civil Registration's published ranks of given names and surnames (Mehmet,
// Mustafa, Ahmet; Yılmaz, Kaya, Demir, Şahin, Çelik); the Turkish Surname Law
// of 1934, whose compounds (Öz-türk, Kara-kaya, Demir-taş) make the long
// tail; Forebears' ranks for Azerbaijan, Uzbekistan and Kazakhstan.

var turkishMale = mustTable("turkish-male", latinLines, `
Mehmet|Mehmed|Muhammed = محمد ; 40
Mustafa ; 30
Ahmet|Ahmed ; 25
Ali ; 22
Hüseyin|Huseyin|Hussein ; 20
Hasan|Hassan ; 18
İbrahim|Ibrahim ; 16
İsmail|Ismail ; 14
Osman ; 12
Yusuf ; 12
Murat ; 11
Ömer|Omer ; 10
Ramazan ; 10
Halil ; 9
Süleyman|Suleyman ; 9
Abdullah ; 8
Mahmut|Mahmud ; 8
Salih ; 7
Kemal ; 7
Recep ; 7
Hakan
Fatih
Emre
Burak
Serkan
Volkan
Erdoğan|Erdogan
Cem
Kadir
Yaşar|Yasar
Orhan
Selim
Tarık|Tarik
Bekir
Hamza
Enes
Furkan
Oğuz|Oguz
Kerem
Levent
`)

var turkishFemale = mustTable("turkish-female", latinLines, `
Fatma ; 30
Ayşe|Ayse ; 25
Emine ; 20
Hatice ; 18
Zeynep ; 16
Elif ; 14
Meryem ; 12
Şerife|Serife ; 10
Zehra ; 9
Sultan ; 8
Hanife
Merve
Havva
Zeliha
Esra
Büşra|Busra
Özlem|Ozlem
Gülsüm|Gulsum
`)

var turkishFamily = mustTable("turkish-family", latinLines, `
Yılmaz|Yilmaz ; 36
Kaya ; 24
Demir ; 22
Şahin|Sahin ; 20
Çelik|Celik ; 19
Yıldız|Yildiz ; 18
Yıldırım|Yildirim ; 17
Öztürk|Ozturk ; 16
Aydın|Aydin ; 16
Özdemir|Ozdemir ; 15
Arslan ; 14
Doğan|Dogan ; 14
Kılıç|Kilic ; 13
Aslan ; 12
Çetin|Cetin ; 11
Kara ; 11
Koç|Koc ; 10
Kurt ; 10
Özkan|Ozkan ; 9
Şimşek|Simsek ; 9
Polat
Korkmaz
Karataş|Karatas
Erdem
Güneş|Gunes
Akın|Akin
Bulut
Keskin
Ünal|Unal
Tekin
`)

// turkishSurnameHeads and Tails make the long tail of Turkish compound
// surnames.
var (
	turkishSurnameHeads = []string{"Öz", "Kara", "Ak", "Demir", "Yıl", "Gül", "Er", "Al", "Ay", "Gök", "Tuna", "Çelik",
		"Şen", "Boz", "Alp", "Kor", "Uz", "Taş", "Çak", "Ok", "Coş", "Baş", "Yurt", "Tan", "Sarı", "Kızıl", "Kurt", "Bay",
		"Ata", "Ulu", "Yücel", "Aksoy", "Bil", "Can", "Dur", "Erk", "Gür", "İnan", "Kaplan", "Yavuz"}
	turkishSurnameTails = []string{"türk", "demir", "kaya", "can", "han", "taş", "oğlu", "er", "soy", "bay", "alp",
		"tekin", "el", "gün", "kan", "yiğit", "doğan", "arslan", "ay", "dağ", "su", "tepe", "ok", "baş", "öz", "yol",
		"men", "kurt", "çay", "ateş"}
)

var azeriMale = mustTable("azeri-male", latinLines, `
Məhəmməd|Mahammad|Mamed|Mammad = Мамед ; 20
Əli|Ali = Али ; 16
Hüseyn|Huseyn|Guseyn = Гусейн ; 14
Rəşad|Rashad = Рашад ; 10
Elçin|Elchin = Эльчин ; 10
Elnur = Эльнур ; 9
Tural = Турал ; 9
Orxan|Orkhan = Орхан ; 8
Vüqar|Vugar = Вугар ; 8
Rövşən|Rovshan = Ровшан ; 8
Elvin = Эльвин
Anar = Анар
Samir = Самир
Kamran = Камран
İlham|Ilham = Ильхам
Fuad = Фуад
Nicat|Nijat = Ниджат
Ramil = Рамиль
`)

var azeriFamily = mustTable("azeri-family", latinLines, `
Məmmədov|Mammadov|Mamedov|Memmedov = Мамедов ; 20
Əliyev|Aliyev|Aliev = Алиев ; 18
Hüseynov|Huseynov|Guseynov|Guseinov = Гусейнов ; 14
Həsənov|Hasanov|Gasanov = Гасанов ; 12
Quliyev|Guliyev|Guliev = Гулиев ; 10
İsmayılov|Ismayilov|Ismailov = Исмаилов ; 9
Abdullayev|Abdullaev = Абдуллаев ; 8
Cəfərov|Jafarov|Dzhafarov = Джафаров ; 8
Rəhimov|Rahimov|Ragimov = Рагимов ; 7
Əhmədov|Ahmadov|Akhmedov = Ахмедов ; 7
Süleymanov|Suleymanov|Suleimanov = Сулейманов
Nəsirov|Nasirov = Насиров
Kərimov|Karimov = Керимов
Məhərrəmov|Maharramov|Magerramov = Магеррамов
Babayev|Babaev = Бабаев
Orucov|Orujov|Orudzhev = Оруджев
`)

// centralAsianMale: Uzbek, Kazakh, Kyrgyz and Turkmen given names in the
// Russian Cyrillic of their passports.
var centralAsianMale = mustTable("centralasian-male", cyrillicLines, `
Рустам|Rustam ; 20
Тимур|Timur ; 16
Фарход|Farhod|Farkhod ; 12
Бахтиёр|Bakhtiyor|Bakhtiar ; 12
Шерзод|Sherzod ; 10
Акмал|Akmal ; 10
Дилшод|Dilshod ; 10
Джамшид|Jamshid|Dzhamshid ; 10
Улугбек|Ulugbek ; 9
Бекзод|Bekzod ; 9
Отабек|Otabek ; 8
Нурсултан|Nursultan ; 8
Ерлан|Yerlan|Erlan ; 8
Аскар|Askar ; 7
Данияр|Daniyar ; 7
Азамат|Azamat ; 7
Марат|Marat ; 7
Руслан|Ruslan ; 7
Ислам|Islam ; 6
Мурод|Murod ; 6
Абдулазиз|Abdulaziz ; 6
Шухрат|Shukhrat|Shuhrat ; 6
Равшан|Ravshan ; 5
Анвар|Anvar|Anwar ; 5
Санжар|Sanjar|Sanzhar ; 5
Алишер|Alisher ; 5
Бобур|Bobur|Babur ; 5
Зафар|Zafar ; 5
Жасур|Jasur|Zhasur ; 4
Мухаммад|Muhammad|Mukhammad ; 4
Абдурахмон|Abdurakhmon|Abdurahmon ; 4
Нурлан|Nurlan ; 4
Бауыржан|Bauyrzhan|Baurzhan ; 4
Кайрат|Kairat|Kayrat ; 4
Ержан|Yerzhan|Erzhan ; 4
`)

var centralAsianFemale = mustTable("centralasian-female", cyrillicLines, `
Гулнора|Gulnora ; 15
Дилноза|Dilnoza ; 12
Нилуфар|Nilufar ; 10
Малика|Malika ; 10
Айгерим|Aigerim|Aygerim ; 10
Гульнара|Gulnara ; 9
Зарина|Zarina ; 8
Мадина|Madina ; 8
Шахноза|Shakhnoza|Shahnoza ; 7
Феруза|Feruza ; 6
Асель|Asel ; 6
Камила|Kamila ; 5
`)

// centralAsianSurnameRoots: names and words from which Central Asian
// surnames are made with the Russian -ов/-ев (Каримов, Юлдашев).
var centralAsianSurnameRoots = []string{
	"Карим", "Рахим", "Юсуп", "Абдулла", "Исмаил", "Ахмед", "Мирза", "Султан", "Рашид", "Хасан", "Хусаин", "Наби",
	"Али", "Ибрагим", "Муса", "Сафар", "Шарип", "Назар", "Тура", "Эргаш", "Нормат", "Холмат", "Бобо", "Сулейман",
	"Умар", "Усман", "Вали", "Азим", "Саид", "Юлдаш", "Турсун", "Тохтасин", "Ташкенбай", "Жумабай", "Нуриддин",
	"Камол", "Рустам", "Бакир", "Махмуд", "Кадыр", "Мамыр", "Токта", "Есим", "Нургали", "Сейтказы", "Байжан",
	"Ермек", "Жаксылык", "Кожахмет", "Абдрахман", "Мамбет", "Осмон", "Токон", "Бектур", "Акмат", "Чолпон",
	"Атаджан", "Бердымухамед", "Нияз", "Овез", "Курбан", "Аман", "Гелди", "Худайберди", "Мурад",
}
