package synth

// Russian, North Caucasian (Chechnya, Dagestan, Ingushetia: Muslim names in
// Russian Cyrillic) and Ukrainian names, written in Cyrillic; their Latin
// spellings are made by the romanisation systems in romanize.go, plus the
// conventional English forms (Alexander, Alexei).
//
// Sources: Rosstat and the Moscow civil registry's published ranks of given
// names (Aleksandr, Sergei, Dmitrii, Andrei, Aleksei; Elena, Olga, Natalia,
// Tatiana); Unbegaun, "Russian Surnames" (Oxford, 1972) and the frequency
// list of Russian surnames by Zhuravlev (2005: Smirnov, Ivanov, Kuznetsov,
// Sokolov, Popov); for Ukraine, the 2021 rank of surnames by the Ukrainian
// Institute of Demography (Melnyk, Shevchenko, Boiko, Kovalenko,
// Bondarenko). A male name's patronymic stem follows ">" when it is not the
// regular one.

var russianMale = mustTable("russian-male", cyrillicLines, `
Александр|Alexander|Alexandre|Alexandr ; 70
Сергей|Sergey|Sergei ; 55
Дмитрий>Дмитриев|Dmitry|Dmitri ; 45
Андрей|Andrey|Andrei ; 42
Алексей|Alexey|Alexei ; 40
Владимир ; 35
Николай ; 30
Евгений>Евгеньев|Evgeny|Eugene ; 28
Михаил>Михайлов|Mikhail ; 27
Игорь>Игорев ; 25
Иван ; 25
Юрий>Юрьев|Yuri|Yury ; 24
Олег ; 22
Максим ; 22
Виктор ; 20
Павел>Павлов ; 18
Артём>Артёмов|Artem|Artyom ; 18
Денис ; 17
Роман ; 16
Вячеслав|Vyacheslav ; 15
Анатолий>Анатольев ; 14
Валерий>Валерьев ; 13
Владислав ; 12
Константин ; 12
Василий>Васильев ; 12
Никита>Никитич ; 11
Антон ; 11
Илья>Ильич|Ilya ; 11
Кирилл ; 10
Геннадий>Геннадьев ; 10
Пётр>Петров|Peter|Pyotr ; 9
Борис ; 9
Вадим ; 9
Григорий>Григорьев ; 8
Леонид ; 8
Фёдор>Фёдоров|Fedor|Fyodor ; 8
Станислав ; 7
Тимур ; 7
Руслан ; 7
Егор ; 6
Георгий>Георгиев ; 6
Валентин
Аркадий>Аркадьев
Виталий>Витальев
Ярослав
Семён>Семёнов|Semyon|Semen
Степан
Эдуард
Глеб
Лев>Львов
`)

var russianFemale = mustTable("russian-female", cyrillicLines, `
Елена|Elena|Yelena ; 60
Ольга|Olga ; 50
Наталья|Natalya|Natalia|Nataliya ; 45
Татьяна|Tatiana|Tatyana ; 40
Ирина|Irina ; 38
Светлана|Svetlana ; 34
Анна|Anna ; 32
Мария|Maria|Mariya ; 28
Екатерина|Ekaterina|Yekaterina ; 26
Юлия|Yulia|Julia ; 24
Галина|Galina ; 20
Людмила|Ludmila|Lyudmila ; 18
Марина|Marina ; 17
Надежда|Nadezhda ; 15
Анастасия|Anastasia ; 15
Валентина|Valentina ; 13
Оксана|Oksana ; 11
Виктория|Victoria|Viktoria ; 11
Дарья|Daria|Darya ; 10
Елизавета|Elizaveta ; 8
Алина
Вера
Любовь|Lyubov
Нина
Зоя
`)

var russianFamily = mustTable("russian-family", cyrillicLines, `
Смирнов ; 30
Иванов ; 26
Кузнецов ; 22
Соколов ; 18
Попов ; 17
Лебедев ; 15
Козлов ; 14
Новиков ; 13
Морозов ; 13
Петров ; 12
Волков ; 12
Соловьёв|Solovyov|Soloviev ; 11
Васильев ; 11
Зайцев ; 10
Павлов ; 10
Семёнов|Semenov|Semyonov ; 10
Голубев ; 9
Виноградов ; 9
Богданов ; 9
Воробьёв|Vorobyov|Vorobiev ; 9
Фёдоров|Fedorov|Fyodorov ; 9
Михайлов ; 8
Беляев ; 8
Тарасов ; 8
Белов ; 8
Комаров ; 8
Орлов ; 8
Киселёв|Kiselev|Kiselyov ; 7
Макаров ; 7
Андреев ; 7
Ковалёв|Kovalev|Kovalyov ; 7
Ильин ; 7
Гусев ; 7
Титов ; 7
Кузьмин ; 6
Кудрявцев ; 6
Баранов ; 6
Куликов ; 6
Алексеев ; 6
Степанов ; 6
Яковлев ; 6
Сорокин ; 6
Сергеев ; 6
Романов ; 6
Захаров ; 6
Борисов ; 5
Королёв|Korolev|Korolyov ; 5
Герасимов ; 5
Пономарёв|Ponomarev|Ponomaryov ; 5
Григорьев ; 5
Лазарев ; 5
Медведев ; 5
Ершов ; 5
Никитин ; 5
Соболев ; 5
Рябов ; 5
Поляков ; 5
Цветков ; 5
Данилов ; 5
Жуков ; 5
Фролов ; 5
Журавлёв|Zhuravlev ; 5
Николаев ; 5
Крылов ; 5
Максимов ; 4
Сидоров ; 4
Осипов ; 4
Белоусов ; 4
Федотов ; 4
Егоров ; 4
Матвеев ; 4
Бобров ; 4
Дмитриев ; 4
Калинин ; 4
Антонов ; 4
Тимофеев ; 4
Марков ; 4
Миронов ; 4
Александров ; 4
Коновалов ; 4
Казаков ; 4
Денисов ; 4
Громов ; 4
Фомин ; 4
Давыдов ; 4
Мельников ; 4
Щербаков ; 4
Колесников ; 4
Карпов ; 4
Афанасьев ; 4
Власов ; 4
Маслов ; 4
Тихонов ; 4
Гаврилов ; 4
Быков ; 4
Зуев ; 4
Панов ; 4
Абрамов ; 4
Воронов ; 4
Мухин ; 3
Чернов ; 3
Назаров ; 3
Ермаков ; 3
Дроздов ; 3
Прохоров ; 3
Нестеров ; 3
Толстой ; 3
Достоевский ; 3
Ковальский ; 3
Покровский ; 3
Успенский ; 2
`)

// russianSurnameRoots make the long tail of Russian surnames: -ов/-ев/-ин
// after the root by the root's last letter (Unbegaun's rules), a woman's
// form with -а.
var russianSurnameRoots = []string{
	"Бел", "Черн", "Сер", "Рыж", "Лыс", "Горб", "Крив", "Хром", "Мал", "Больш", "Толст", "Тонк", "Дюж",
	"Кузнец", "Плотник", "Гончар", "Пекар", "Рыбак", "Охотник", "Пастух", "Мельник", "Бондар", "Портн", "Сапожник",
	"Кожевник", "Ткач", "Столяр", "Пахом", "Лукьян", "Игнат", "Прокоп", "Харитон", "Фадей", "Гордей", "Евдоким",
	"Ефрем", "Тихон", "Кондрат", "Мартын", "Назар", "Савел", "Трофим", "Устин", "Фрол", "Яким", "Самойл",
	"Волк", "Медвед", "Лис", "Заяц", "Бобр", "Соболь", "Куниц", "Орл", "Ястреб", "Сокол", "Ворон", "Грач",
	"Галк", "Сорок", "Снегир", "Щегл", "Журавл", "Лебед", "Гус", "Утк", "Петух", "Голуб", "Перепел", "Карас",
	"Щук", "Окун", "Ерш", "Сом", "Лещ", "Налим", "Дуб", "Берёз", "Клён", "Лип", "Рябин", "Осин", "Ел", "Сосн",
	"Калин", "Малин", "Вишн", "Груш", "Яблок", "Орех", "Горох", "Овс", "Ячмен", "Пшеничн", "Капуст", "Репк",
	"Мороз", "Снег", "Ветр", "Гром", "Дожд", "Туман", "Зим", "Лет", "Осен", "Весн", "Солнц", "Месяц",
	"Камен", "Песк", "Глин", "Болот", "Озер", "Рек", "Гор", "Пол", "Лес", "Луг", "Бор", "Яр", "Дол",
	"Кудряв", "Курнос", "Весёл", "Смел", "Тих", "Добр", "Мудр", "Хитр", "Прост", "Грозн", "Жил", "Крут",
	"Новосёл", "Старост", "Голов", "Рук", "Ног", "Бород", "Ус", "Глаз", "Лоб", "Зуб",
	"Бесп", "Третьяк", "Шестак", "Семак", "Первуш", "Втор", "Девятк", "Осьмин",
}

// russianSurnamePrefixes compound with the roots (Бело-ус-ов, Ново-сёл-ов).
var russianSurnamePrefixes = []string{"", "", "", "", "", "", "Бело", "Черно", "Ново", "Старо", "Добро", "Красно",
	"Велико", "Мало", "Верхо", "Под", "За", "Пере", "Бого", "Свято"}

// caucasusMale: Chechen, Dagestani and Ingush given names in Russian
// Cyrillic, many of them Arabic names in their Caucasian forms.
var caucasusMale = mustTable("caucasus-male", cyrillicLines, `
Магомед|Magomed|Mohammed ; 40
Ахмед|Akhmed|Ahmed ; 16
Руслан|Ruslan ; 14
Шамиль|Shamil ; 12
Мурад|Murad ; 12
Рамзан|Ramzan ; 10
Умар|Umar|Omar ; 10
Ислам|Islam ; 10
Зелимхан|Zelimkhan ; 9
Асланбек|Aslanbek ; 8
Арсен|Arsen ; 8
Абдулла|Abdulla|Abdullah ; 8
Гаджи|Gadzhi|Hadji ; 7
Хасан|Khasan|Hassan ; 7
Хусейн|Khusein|Hussein ; 7
Адам|Adam ; 6
Алихан|Alikhan ; 6
Саид|Said ; 6
Муса|Musa ; 6
Иса|Isa ; 5
Ибрагим|Ibragim|Ibrahim ; 5
Тимур|Timur ; 5
Аслан|Aslan ; 5
Магомедали|Magomedali ; 4
Абубакар|Abubakar ; 4
Хамзат|Khamzat ; 4
Джохар|Dzhokhar|Jokhar ; 3
Доку|Doku ; 3
`)

var caucasusFamily = mustTable("caucasus-family", cyrillicLines, `
Магомедов|Magomedov ; 40
Гаджиев|Gadzhiev|Hajiyev ; 20
Абдулаев|Abdulaev|Abdullayev ; 14
Алиев|Aliev|Aliyev ; 14
Омаров|Omarov ; 12
Умаров|Umarov ; 12
Исаев|Isaev ; 10
Рамазанов|Ramazanov ; 10
Курбанов|Kurbanov ; 9
Ибрагимов|Ibragimov|Ibrahimov ; 9
Гасанов|Gasanov|Hasanov ; 8
Мусаев|Musaev ; 8
Кадыров|Kadyrov ; 7
Басаев|Basaev|Basayev ; 5
Дудаев|Dudaev|Dudayev ; 5
Масхадов|Maskhadov ; 4
Закаев|Zakaev|Zakayev ; 4
Хасанов|Khasanov ; 4
Юсупов|Yusupov ; 4
Эльдаров|Eldarov ; 3
Цечоев|Tsechoev ; 3
Евлоев|Yevloyev|Evloev ; 3
Оздоев|Ozdoev ; 3
Плиев|Pliev ; 3
`)

var ukrainianMale = mustTable("ukrainian-male", ukrainianLines, `
Олександр|Alexander|Aleksandr ; 40
Сергій|Sergiy|Sergey ; 30
Андрій|Andriy|Andrey ; 28
Володимир|Vladimir ; 25
Микола|Nikolay ; 22
Іван|Ivan ; 22
Дмитро|Dmitry ; 20
Василь|Vasily ; 18
Юрій|Yuriy|Yuri ; 16
Олег|Oleg ; 15
Ігор|Igor ; 14
Петро|Petr ; 12
Віктор|Viktor ; 12
Тарас ; 10
Богдан ; 10
Роман ; 10
Максим ; 9
Ярослав ; 8
Михайло|Mikhail ; 8
Анатолій|Anatoly ; 7
Віталій|Vitaly ; 7
Григорій|Grigory ; 6
Степан ; 5
Остап ; 3
`)

var ukrainianFemale = mustTable("ukrainian-female", ukrainianLines, `
Олена|Elena ; 30
Тетяна|Tatiana ; 28
Наталія|Natalia ; 26
Ірина|Irina ; 24
Оксана ; 20
Світлана|Svetlana ; 18
Юлія|Yulia ; 16
Людмила ; 14
Галина ; 12
Марія|Maria ; 12
Ольга|Olga ; 12
Катерина|Ekaterina ; 10
Анна ; 10
Вікторія|Victoria ; 9
`)

var ukrainianFamily = mustTable("ukrainian-family", ukrainianLines, `
Мельник|Melnik ; 20
Шевченко|Shevchenko|Chevtchenko ; 19
Бойко|Boiko|Boyko ; 18
Коваленко|Kovalenko ; 17
Бондаренко|Bondarenko ; 16
Ткаченко|Tkachenko ; 15
Коваль|Koval ; 14
Кравченко|Kravchenko ; 14
Олійник|Oliynyk|Oleynik ; 13
Шевчук|Shevchuk ; 13
Поліщук|Polishchuk ; 12
Іванов|Ivanov ; 11
Ткачук|Tkachuk ; 11
Савченко|Savchenko ; 11
Бондар|Bondar ; 10
Марченко|Marchenko ; 10
Руденко|Rudenko ; 10
Мороз|Moroz ; 9
Лисенко|Lysenko|Lisenko ; 9
Петренко|Petrenko ; 9
Клименко|Klimenko ; 8
Павленко|Pavlenko ; 8
Кравчук|Kravchuk ; 8
Кузьменко|Kuzmenko ; 8
Пономаренко|Ponomarenko ; 7
Савчук|Savchuk ; 7
Василенко|Vasilenko ; 7
Левченко|Levchenko ; 7
Харченко|Kharchenko ; 6
Сидоренко|Sidorenko ; 6
Карпенко|Karpenko ; 6
Гончаренко|Goncharenko ; 6
`)

// ukrainianSurnameRoots make the long tail of Ukrainian surnames with
// -енко, -чук/-ук, -ський, -ишин.
var ukrainianSurnameRoots = []string{
	"Бойч", "Гнат", "Дац", "Дем", "Федор", "Гаврил", "Грищ", "Данил", "Яковл", "Мартин", "Остап", "Семен", "Стеф",
	"Тимош", "Юрч", "Антон", "Борис", "Вакул", "Гордієн", "Дорош", "Зінч", "Кирил", "Леонт", "Назар", "Прокоп",
	"Тарас", "Хом", "Яремч", "Андрі", "Кость", "Гриц", "Лук", "Мирон", "Панас", "Роман", "Сав", "Тит", "Филип",
}
