package synth

// Persian (Iran) and Pashto/Dari (Afghanistan, north-west Pakistan) names.
//
// Sources: the Iranian National Organization for Civil Registration's yearly
// lists of the most given names (Mohammad, Ali, Hossein, Mohammad-Reza,
// Fatemeh, Zahra lead them), Forebears' surname ranks for Iran and
// Afghanistan; Persian spellings in Persian letters (ی, ک, and the
// zero-width non-joiner before -zadeh); Afghan tribal names (-zai, -khel)
// from the Afghan tribal lineages as listed in the Naval Postgraduate
// School's Program for Culture and Conflict Studies.

var persianMale = mustTable("persian-male", latinLines, `
Mohammad|Mohammed|Muhammad|Mohamad = محمد ; 70
Ali = علی ; 45
Hossein|Hosein|Husain|Hussein = حسین ; 35
Reza|Rezā = رضا ; 25
Mohammad Reza|Mohammadreza|Mohamad Reza = محمدرضا ; 22
Mehdi|Mahdi = مهدی ; 20
Hassan|Hasan = حسن ; 18
Ahmad|Ahmed = احمد ; 16
Amir = امیر ; 14
Abbas = عباس ; 12
Alireza|Ali Reza|Ali-Reza = علیرضا ; 12
Mahmoud|Mahmud = محمود ; 10
Hamid = حمید ; 10
Majid = مجید ; 9
Saeed|Said|Saeid = سعید ; 9
Javad|Jawad = جواد ; 9
Morteza|Murtaza|Mortaza = مرتضی ; 8
Mostafa|Mustafa = مصطفی ; 8
Ebrahim|Ibrahim = ابراهیم ; 7
Ghasem|Qasem|Qassem|Ghassem = قاسم ; 7
Masoud|Masud|Massoud = مسعود ; 6
Hamidreza|Hamid Reza = حمیدرضا ; 6
Mohsen|Mohsin = محسن ; 6
Esmaeil|Ismail|Esmail = اسماعیل ; 5
Jafar|Jaafar|Djafar = جعفر ; 5
Davood|Davoud|Dawud = داوود ; 5
Yousef|Yusuf|Yosef = یوسف ; 5
Karim = کریم ; 4
Nasser|Naser = ناصر ; 4
Rahim = رحیم ; 4
Hadi = هادی ; 4
Ehsan = احسان ; 4
Amin = امین ; 4
Behrouz|Behruz = بهروز
Bahram = بهرام
Dariush|Daryoush|Darius = داریوش
Farhad = فرهاد
Kourosh|Kurosh|Cyrus = کوروش
Parviz|Parwiz = پرویز
Hooshang|Houshang = هوشنگ
Babak = بابک
Kamran = کامران
Siavash|Siavosh = سیاوش
Shahram = شهرام
Omid = امید
Peyman|Payman = پیمان
Vahid = وحید
Yaser|Yasser = یاسر
Akbar = اکبر
Asghar = اصغر
Ali Akbar|Aliakbar = علی‌اکبر
Gholamreza|Gholam Reza|Ghulam Reza = غلامرضا
Gholamhossein|Gholam Hossein = غلامحسین
Abolfazl|Abol Fazl|Abulfazl = ابوالفضل
Abdolreza|Abdul Reza = عبدالرضا
Mojtaba|Mujtaba = مجتبی
Sajjad|Sajad = سجاد
Mehran = مهران
Ruhollah|Rouhollah|Ruhullah = روح‌الله
Nematollah|Nematullah = نعمت‌الله
Hojatollah|Hojjatollah = حجت‌الله
Qorban|Ghorban = قربان
Heydar|Haidar|Heidar = حیدر
Safar = صفر
Esfandiar|Esfandyar = اسفندیار
Kazem|Kazim|Kadhim = کاظم
`)

var persianFemale = mustTable("persian-female", latinLines, `
Fatemeh|Fatima|Fateme = فاطمه ; 50
Zahra|Zahrā = زهرا ; 40
Maryam|Mariam = مریم ; 25
Masoumeh|Masoume|Masumeh = معصومه ; 15
Zeynab|Zainab|Zeinab = زینب ; 14
Sakineh|Sakine = سکینه ; 10
Leila|Leyla|Layla = لیلا ; 9
Narges = نرگس ; 8
Somayeh|Somaye|Sumayyah = سمیه ; 8
Shirin = شیرین ; 6
Parisa = پریسا
Nasrin = نسرین
Mahnaz = مهناز
Azam|Aazam = اعظم
Roya = رویا
Elham = الهام
Mina = مینا
Fereshteh|Fereshte = فرشته
Mahsa = مهسا
Neda = ندا
`)

var persianFamily = mustTable("persian-family", latinLines, `
Mohammadi|Mohamadi|Muhammadi = محمدی ; 20
Hosseini|Hoseini|Husseini|Hosseiny = حسینی ; 18
Ahmadi|Ahmady = احمدی ; 16
Rezaei|Rezaee|Rezaie|Rezai = رضایی ; 14
Moradi = مرادی ; 12
Mousavi|Musavi|Moosavi = موسوی ; 12
Jafari|Jaafari|Djafari = جعفری ; 11
Karimi|Karimy = کریمی ; 10
Rahimi = رحیمی ; 9
Hashemi|Hashimi = هاشمی ; 9
Heydari|Heidari|Haidari = حیدری ; 8
Ghasemi|Qasemi|Ghassemi = قاسمی ; 8
Sadeghi|Sadeqi = صادقی ; 8
Kazemi|Kazimi = کاظمی ; 7
Rostami|Rustami = رستمی ; 7
Salehi = صالحی ; 7
Hosseinzadeh|Hoseinzadeh|Hosseinzade = حسین‌زاده ; 6
Nazari = نظری ; 6
Ebrahimi|Ibrahimi = ابراهیمی ; 6
Akbari = اکبری ; 6
Soleimani|Soleymani|Suleimani = سلیمانی ; 6
Abbasi = عباسی ; 5
Asadi = اسدی ; 5
Najafi = نجفی ; 5
Zare|Zarei = زارع ; 5
Amiri = امیری ; 5
Bagheri|Baqeri = باقری ; 5
Shirazi = شیرازی
Tehrani = تهرانی
Esfahani|Isfahani = اصفهانی
Tabrizi = تبریزی
Yazdani = یزدانی
Alavi = علوی
Mohammadzadeh|Mohamadzadeh = محمدزاده
Alizadeh|Alizade = علیزاده
Taheri = طاهری
Ghorbani|Qorbani = قربانی
Shahbazi = شهبازی
Mirzaei|Mirzaee = میرزایی
Safari = صفری
Azizi = عزیزی
Mahmoudi|Mahmudi = محمودی
Khani = خانی
Sharifi = شریفی
Ranjbar = رنجبر
Hamidi = حمیدی
Kiani = کیانی
Jahangiri = جهانگیری
Ansari = انصاری
Naderi = نادری
`)

// persianRoots and persianSuffixes make the long tail of Persian family
// names: a root (a given name, a place, a word), then -i, -zadeh ("born of"),
// -pour ("son of"), -nejad ("of the stock of"), -far, -ian, -abadi, -lou,
// -vand. Latin, then Persian.
var persianRoots = [][2]string{
	{"Hossein", "حسین"}, {"Ali", "علی"}, {"Mohammad", "محمد"}, {"Reza", "رضا"}, {"Hasan", "حسن"}, {"Karim", "کریم"},
	{"Rahim", "رحیم"}, {"Abbas", "عباس"}, {"Ahmad", "احمد"}, {"Jafar", "جعفر"}, {"Taghi", "تقی"}, {"Naghi", "نقی"},
	{"Kazem", "کاظم"}, {"Ghasem", "قاسم"}, {"Yousef", "یوسف"}, {"Ebrahim", "ابراهیم"}, {"Esmail", "اسماعیل"}, {"Mousa", "موسی"},
	{"Amir", "امیر"}, {"Akbar", "اکبر"}, {"Asghar", "اصغر"}, {"Nour", "نور"}, {"Golestan", "گلستان"}, {"Shir", "شیر"},
	{"Nik", "نیک"}, {"Khosh", "خوش"}, {"Bozorg", "بزرگ"}, {"Jahan", "جهان"}, {"Mehr", "مهر"}, {"Zand", "زند"},
	{"Tabatabai", "طباطبایی"}, {"Shahr", "شهر"}, {"Kashan", "کاشان"}, {"Qom", "قم"}, {"Shiraz", "شیراز"}, {"Tabriz", "تبریز"},
	{"Mashhad", "مشهد"}, {"Kerman", "کرمان"}, {"Yazd", "یزد"}, {"Hamadan", "همدان"}, {"Zanjan", "زنجان"}, {"Qazvin", "قزوین"},
	{"Gilan", "گیلان"}, {"Mazandaran", "مازندران"}, {"Khorasan", "خراسان"}, {"Lor", "لر"}, {"Kord", "کرد"}, {"Baluch", "بلوچ"},
	{"Dehghan", "دهقان"}, {"Ghaffar", "غفار"}, {"Sattar", "ستار"}, {"Jabbar", "جبار"}, {"Safa", "صفا"}, {"Vafa", "وفا"},
	{"Rahman", "رحمان"}, {"Sobhan", "سبحان"}, {"Fath", "فتح"}, {"Nasr", "نصر"}, {"Mansour", "منصور"}, {"Shokr", "شکر"},
	{"Gol", "گل"}, {"Bagh", "باغ"}, {"Kuh", "کوه"}, {"Darya", "دریا"}, {"Sepehr", "سپهر"}, {"Azar", "آذر"},
	{"Bahar", "بهار"}, {"Farrokh", "فرخ"}, {"Khorram", "خرم"}, {"Roshan", "روشن"}, {"Parsa", "پارسا"}, {"Arya", "آریا"},
}

// persianSuffixes: Latin spellings (usual first), Persian, relative weight.
var persianSuffixes = []struct {
	lat []string
	fa  string
	w   int
}{
	{[]string{"i", "y", "ee"}, "ی", 40},
	{[]string{"zadeh", "zade", "zada"}, "‌زاده", 18},
	{[]string{"pour", "pur", "poor"}, "‌پور", 12},
	{[]string{"nejad", "nezhad", "nejhad"}, "‌نژاد", 10},
	{[]string{"far"}, "‌فر", 6},
	{[]string{"ian", "yan"}, "یان", 6},
	{[]string{"abadi"}, "‌آبادی", 4},
	{[]string{"lou", "lu", "loo"}, "لو", 2},
	{[]string{"vand", "wand"}, "وند", 2},
}

var pashtoMale = mustTable("pashto-male", latinLines, `
Mohammad|Muhammad|Mohammed|Mohamad = محمد ; 60
Abdul Rahman|Abdurrahman|Abdul Rahaman|Abd al-Rahman = عبدالرحمن ; 14
Abdul Ghani|Abdulghani|Abd al-Ghani = عبدالغنی ; 12
Abdul Wali|Abdulwali = عبدالولی ; 8
Abdul Hakim|Abdulhakim = عبدالحکیم ; 8
Abdul Qadir|Abdul Qader|Abdulqadir = عبدالقادر ; 8
Abdul Basir|Abdulbasir = عبدالبصیر ; 6
Ahmad|Ahmed = احمد ; 14
Gul|Gol = گل ; 12
Noor|Nur|Nour = نور ; 12
Khan = خان ; 10
Zabihullah|Zabiullah|Zabihollah = ذبیح‌الله ; 9
Hikmatullah|Hekmatullah|Hekmatollah = حکمت‌الله ; 9
Najibullah|Najibollah|Najeebullah = نجیب‌الله ; 9
Hamidullah|Hamidollah = حمیدالله ; 8
Rahmatullah|Rahmatollah = رحمت‌الله ; 8
Amanullah|Amanollah = امان‌الله ; 7
Ehsanullah|Ihsanullah|Ehsanollah = احسان‌الله ; 7
Habibullah|Habibollah = حبیب‌الله ; 7
Sirajuddin|Serajuddin|Siraj al-Din = سراج‌الدین ; 6
Jalaluddin|Jalaladdin|Jalal al-Din = جلال‌الدین ; 6
Nasiruddin|Nasir al-Din = نصیرالدین ; 5
Shamsuddin|Shams al-Din = شمس‌الدین ; 5
Gulbuddin|Golboddin|Gulboddin = گلبدین ; 4
Wali|Vali = ولی ; 5
Mir = میر ; 5
Khalil|Khaleel = خلیل ; 5
Yar Mohammad|Yar Muhammad = یارمحمد ; 4
Din Mohammad|Din Muhammad = دین‌محمد ; 4
Sher|Shir = شیر ; 4
Rasul|Rasool = رسول ; 4
Karim|Kareem = کریم ; 4
Bashir|Basheer = بشیر
Hayatullah|Hayatollah = حیات‌الله
Fazal|Fazl = فضل
Sardar = سردار
Aziz = عزیز
Zahir|Zaher = ظاهر
Hafiz|Hafez = حافظ
Qudratullah|Qodratullah = قدرت‌الله
Asadullah|Asadollah = اسدالله
Mullah|Mulla = ملا
Taj Mohammad|Taj Muhammad = تاج‌محمد
Jan|Jaan = جان
Akhtar = اختر
Mansoor|Mansur = منصور
Ismail|Esmail = اسماعیل
Yaqub|Yaqoob = یعقوب
Tayeb|Tayyab = طیب
`)

var pashtoFamily = mustTable("pashto-family", latinLines, `
Khan = خان ; 20
Zadran|Dzadran = زدران ; 10
Ahmadzai|Ahmadzay = احمدزی ; 9
Popalzai|Popalzay = پوپلزی ; 8
Barakzai|Barakzay = بارکزی ; 8
Achakzai|Achekzai = اچکزی ; 8
Noorzai|Nurzai = نورزی ; 8
Alizai|Alizay = علیزی ; 7
Yousafzai|Yusufzai|Yousufzai = یوسفزی ; 7
Mohmand|Momand = مهمند ; 6
Afridi = آفریدی ; 6
Shinwari|Shinwary = شینواری ; 6
Wardak|Wardag = وردک ; 6
Mangal = منگل ; 5
Kakar = کاکړ ; 5
Durrani|Durani = درانی ; 5
Ghilzai|Ghiljai = غلزی ; 5
Tarakhel|Tarakai = ترکی ; 4
Haqqani|Haqani = حقانی ; 4
Stanikzai|Stanekzai = استانکزی ; 4
Safi = صافی ; 4
Sultani = سلطانی ; 3
Niazi = نیازی ; 3
Hotak|Hotaki = هوتک ; 3
Sadozai = سدوزی
Kharoti = خروتی
Andar = اندړ
Jadran = جدران
Totakhil|Totakhel = توتاخیل
Ludin|Lodin = لودین
Samadi = صمدی
Rahimi = رحیمی
Hashimi = هاشمی
Faizi = فیضی
Baheer|Bahir = بهیر
`)

// pashtoTribeRoots make the long tail of Afghan tribal names with -zai
// ("son of") and -khel ("clan of").
var pashtoTribeRoots = [][2]string{
	{"Ahmad", "احمد"}, {"Mohammad", "محمد"}, {"Hassan", "حسن"}, {"Ibrahim", "ابراهیم"}, {"Ismail", "اسماعیل"}, {"Musa", "موسی"},
	{"Isa", "عیسی"}, {"Yahya", "یحیی"}, {"Daud", "داود"}, {"Sulaiman", "سلیمان"}, {"Umar", "عمر"}, {"Usman", "عثمان"},
	{"Mamund", "ماموند"}, {"Utman", "اتمان"}, {"Malik", "ملک"}, {"Khwaja", "خواجه"}, {"Aka", "اکا"}, {"Sabar", "صبر"},
	{"Mir", "میر"}, {"Shah", "شاه"}, {"Gul", "گل"}, {"Nasir", "ناصر"}, {"Bahadur", "بهادر"}, {"Zakha", "زخه"},
	{"Kuki", "کوکی"}, {"Kamar", "کمر"}, {"Adam", "آدم"}, {"Mandar", "مندر"}, {"Babak", "بابک"}, {"Ismail", "اسماعیل"},
}
