package synth

// Arabic names (Mashriq, Gulf, Egypt, Sudan, and the Maghreb with its
// French-style spellings, marked ^).
//
// Sources of the facts written here: the rank order and rough shares of
// forenames and surnames in Egypt, Saudi Arabia, Iraq, Syria, Jordan, Algeria,
// Morocco and Tunisia as published by Forebears (forebears.io, "most common
// forenames/surnames in <country>") and the national statistics offices that
// it cites; the romanisation variants are those of ICAO Doc 9303 Part 3,
// BGN/PCGN 1956, ALA-LC, and the French and English spellings in common use.
// The weights keep the shape of those lists — Muhammad and its spellings
// well ahead of all others, then a Zipf-like fall — not their exact values.

var arabicMale = mustTable("arabic-male", latinLines, `
Muhammad|Mohammed|Mohamed|Mohammad|Mohamad|Muhammed|^Mohamed|^Mohammed = محمد ; 130
Ahmad|Ahmed|^Ahmed = أحمد ; 55
Ali|^Ali = علي ; 38
Mahmud|Mahmoud|Mahmood|^Mahmoud = محمود ; 24
Hasan|Hassan|^Hassan = حسن ; 22
Abdullah|Abdallah|Abd Allah|Abdulla|^Abdallah = عبدالله ; 21
Husayn|Hussein|Hussain|Husain|Hussien|^Houcine|^Hocine = حسين ; 19
Mustafa|Mostafa|Moustafa|Mustapha|^Mustapha|^Moustapha = مصطفى ; 18
Ibrahim|Ebrahim|Ibraheem|^Brahim = إبراهيم ; 17
Umar|Omar|Omer|^Omar = عمر ; 16
Khalid|Khaled|^Khaled = خالد ; 15
Yusuf|Youssef|Yousef|Yousif|Yosef|^Youcef|^Youssef = يوسف ; 14
Said|Saeed|Sayed|Saïd|^Said = سعيد ; 12
Abd al-Rahman|Abdul Rahman|Abdulrahman|Abdel Rahman|Abdelrahman|Abdurrahman|^Abderrahmane = عبدالرحمن ; 11
Salim|Salem|Saleem|^Salim = سالم ; 10
Adil|Adel|^Adel = عادل ; 9
Tariq|Tarek|Tareq|Tarik|^Tarek = طارق ; 9
Jamal|Gamal|Jamaal|^Djamel|^Jamel = جمال ; 9
Walid|Waleed|^Walid = وليد ; 8
Hamza|Hamzah|^Hamza = حمزة ; 8
Bilal|Belal|^Bilel = بلال ; 7
Ismail|Ismael|Esmail|^Smail = إسماعيل ; 7
Abd al-Aziz|Abdul Aziz|Abdulaziz|Abdelaziz|^Abdelaziz = عبدالعزيز ; 7
Nasir|Nasser|Naser|^Nacer = ناصر ; 7
Samir|Sameer|^Samir = سمير ; 6
Karim|Kareem|^Karim = كريم ; 6
Faisal|Faysal|Feisal = فيصل ; 6
Salah|Salih|Saleh|^Salah = صالح ; 6
Yasin|Yassin|Yaseen|Yassine|^Yacine = ياسين ; 6
Usama|Osama|Oussama|^Oussama = أسامة ; 5
Anas|^Anes = أنس ; 5
Abu Bakr|Abubakar|Abou Bakr|Aboubakr|^Boubakeur = أبو بكر ; 5
Uthman|Othman|Osman|Usman|^Othmane = عثمان ; 5
Zakariya|Zakaria|Zakariyya|Zakariah|^Zakaria = زكريا ; 5
Yahya|Yehia|Yahia|^Yahia = يحيى ; 5
Musa|Moussa|Mousa|Mosa|^Moussa = موسى ; 5
Isa|Issa|Eisa|^Aissa = عيسى ; 4
Sulayman|Suleiman|Soliman|Sulaiman|Slimane|^Slimane = سليمان ; 4
Dawud|Daoud|Dawood|Daud|^Daoud = داود ; 4
Ayman|Aiman|Aymen|^Aymen = أيمن ; 4
Marwan|Merwan = مروان ; 4
Riyad|Riad|Riyadh|^Riad = رياض ; 4
Rashid|Rachid|Rasheed|^Rachid = رشيد ; 4
Majid|Magid|Maged|Majeed = ماجد ; 4
Fahd|Fahad = فهد ; 4
Sultan = سلطان ; 3
Mansur|Mansour|Mansoor|^Mansour = منصور ; 3
Hamid|Hamed|^Hamid = حامد ; 3
Hamad = حمد ; 3
Jasim|Jassim|Jasem = جاسم ; 3
Khalil|Khaleel|^Khelil = خليل ; 3
Ilyas|Elias|Ilias|^Ilyes = إلياس ; 3
Amin|Amine|Ameen|^Amine = أمين ; 3
Munir|Mounir|Moneer|^Mounir = منير ; 3
Ghassan = غسان ; 3
Imad|Emad|^Imed = عماد ; 3
Haytham|Haitham|Hisham|^Haythem = هيثم ; 3
Hisham|Hesham|Hicham|^Hichem = هشام ; 3
Wail|Wael|^Wael = وائل ; 3
Ashraf = أشرف ; 3
Nabil|Nabeel|^Nabil = نبيل ; 3
Kamal|Kamel|^Kamel = كمال ; 3
Abd al-Qadir|Abdul Qadir|Abdulkadir|Abdel Kader|Abdelkader|^Abdelkader = عبدالقادر ; 3
Abd al-Karim|Abdul Karim|Abdulkarim|Abdelkarim|^Abdelkrim = عبدالكريم
Abd al-Latif|Abdul Latif|Abdullatif|Abdellatif|^Abdellatif = عبداللطيف
Abd al-Hamid|Abdul Hamid|Abdulhamid|Abdelhamid|^Abdelhamid = عبدالحميد
Abd al-Majid|Abdul Majid|Abdulmajeed|Abdelmadjid|^Abdelmadjid = عبدالمجيد
Abd al-Ghani|Abdul Ghani|Abdulghani|Abdelghani|^Abdelghani = عبدالغني
Abd al-Salam|Abdul Salam|Abdulsalam|Abdessalam|^Abdeslam = عبدالسلام
Abd al-Hakim|Abdul Hakim|Abdulhakim|Abdelhakim|^Abdelhakim = عبدالحكيم
Abd al-Wahhab|Abdul Wahab|Abdulwahab|Abdelwahab|^Abdelouahab = عبدالوهاب
Abd al-Jabbar|Abdul Jabbar|Abduljabbar|Abdeljabbar = عبدالجبار
Abd al-Razzaq|Abdul Razzaq|Abdulrazaq|Abderrazak|^Abderrazak = عبدالرزاق
Abd al-Halim|Abdul Halim|Abdulhalim|Abdelhalim|^Abdelhalim = عبدالحليم
Abd al-Nasir|Abdul Nasser|Abdulnasser|Abdelnasser|^Abdennacer = عبدالناصر
Abd al-Basit|Abdul Basit|Abdulbasit|Abdelbasset|^Abdelbasset = عبدالباسط
Abd al-Ilah|Abdul Ilah|Abdulilah|Abdelilah|^Abdelillah = عبدالإله
Abd al-Fattah|Abdul Fattah|Abdulfattah|Abdelfattah|^Abdelfattah = عبدالفتاح
Abd al-Malik|Abdul Malik|Abdulmalik|Abdelmalek|^Abdelmalek = عبدالملك
Abd al-Hadi|Abdul Hadi|Abdulhadi|Abdelhadi = عبدالهادي
Abd al-Wahid|Abdul Wahid|Abdulwahid|Abdelouahed|^Abdelouahed = عبدالواحد
Abd al-Rahim|Abdul Rahim|Abdulrahim|Abderrahim|^Abderrahim = عبدالرحيم
Abd al-Jalil|Abdul Jalil|Abduljalil|Abdeljalil|^Abdeljalil = عبدالجليل
Abd al-Hafiz|Abdul Hafiz|Abdulhafiz|Abdelhafid|^Abdelhafid = عبدالحفيظ
Abd al-Qahhar|Abdul Qahar|Abdulqahar|Abdelkahar = عبدالقهار
Abd al-Samad|Abdul Samad|Abdulsamad|Abdessamad|^Abdessamad = عبدالصمد
Abd al-Muti|Abdul Muti|Abdulmuti|Abdelmoati = عبدالمعطي
Hashim|Hashem|Hachem|^Hachemi = هاشم
Harun|Haroun|Haroon|^Haroun = هارون
Idris|Idriss|Edris|^Driss = إدريس
Ayyub|Ayoub|Ayub|^Ayoub = أيوب
Yunus|Younes|Younis|Yunes|^Younes = يونس
Sami|Samy = سامي
Nur al-Din|Nour El Din|Nureddin|Noureddine|^Noureddine = نورالدين
Salah al-Din|Salahuddin|Salaheddine|Salah Eddin|^Salaheddine = صلاح الدين
Ziyad|Ziad|Zyad|^Ziad = زياد
Fadi|Fady = فادي
Muhannad|Mohannad|Mohanad = مهند
Mazin|Mazen = مازن
Bashir|Bachir|Basheer|^Bachir = بشير
Badr|Bader|Badre = بدر
Talal = طلال
Nawaf|Nawwaf = نواف
Turki|Torki = تركي
Saud|Saoud = سعود
Mubarak|Moubarak = مبارك
Mahdi|Mehdi|^Mehdi = مهدي
Qasim|Kassem|Qassem|Kacem|^Belkacem = قاسم
Fathi|Fethi|Fathy|^Fethi = فتحي
Hafiz|Hafez|Hafid|^Hafid = حافظ
Rami|Ramy = رامي
Raed|Raid|Ra'id = رائد
Shadi|Chadi = شادي
Tamer|Tamir = تامر
Sharif|Sherif|Cherif|^Cherif = شريف
Lutfi|Lotfi|Lotfy|^Lotfi = لطفي
Mukhtar|Mokhtar|^Mokhtar = مختار
Abbas = عباس
Jafar|Jaafar|Djafar = جعفر
Hamdi|Hamdy = حمدي
Naji|Nagi|Nadji = ناجي
Ammar|Amar|^Ammar = عمار
Sufyan|Sofiane|Sufian|^Sofiane = سفيان
Ilham = إلهام
Akram = أكرم
Ramadan|Ramadhan|Ramazan|^Ramdane = رمضان
Shakir|Shaker|Chaker = شاكر
Ubayd|Obaid|Obeid = عبيد
Jabir|Jaber|Djaber = جابر
Sabri|Sabry = صبري
Fuad|Fouad|Fouad = فؤاد
Nizar = نزار
Hani|Hany = هاني
Wisam|Wissam|Wesam = وسام
Muadh|Moaz|Muath|Mouad|^Mouad = معاذ
Khattab = خطاب
Zubayr|Zubair|Zoubir|^Zoubir = الزبير
Hudhayfa|Huthaifa|Houdheifa = حذيفة
Suhayb|Suhaib|Souhaib = صهيب
Talha|Talhah = طلحة
Arafat = عرفات
`)

var arabicFemale = mustTable("arabic-female", latinLines, `
Fatima|Fatma|Fatimah|Fatema|^Fatima|^Fatiha = فاطمة ; 60
Aisha|Aicha|Aysha|Ayesha|^Aicha = عائشة ; 30
Maryam|Mariam|Meryem|Meriem|^Meriem = مريم ; 28
Khadija|Khadijah|Khadiga|^Khadidja = خديجة ; 24
Zaynab|Zainab|Zeinab|^Zineb = زينب ; 20
Amina|Aminah|Ameena|^Amina = أمينة ; 18
Nur|Noor|Nour|^Nour = نور ; 14
Huda|Hoda|Houda|^Houda = هدى ; 12
Layla|Leila|Laila|Leyla|^Leila = ليلى ; 11
Sara|Sarah = سارة ; 11
Asma|Asmaa|Esma = أسماء ; 10
Hana|Hanaa|Hanna = هناء ; 9
Rania|Ranya = رانيا ; 8
Salma|Selma|^Selma = سلمى ; 8
Iman|Eman|^Imane = إيمان ; 8
Samira|Sameera|^Samira = سميرة ; 7
Amal|^Amel = أمل ; 7
Mona|Muna|Mouna = منى ; 7
Rim|Reem|Rym = ريم ; 6
Dina|Deena = دينا ; 6
Nadia|Nadiya = نادية
Hayat = حياة
Sumayya|Soumaya|Sumaya|^Soumia = سمية
Hafsa|Hafsah = حفصة
Ruqayya|Roqaya|Rokia = رقية
Karima|Kareema|^Karima = كريمة
Samia|Samiya = سامية
Wafa|Wafaa = وفاء
Najat|Nagat = نجاة
Jamila|Djamila|Jameela|^Djamila = جميلة
Latifa|Latefa = لطيفة
Naima|Naeema|^Naima = نعيمة
Rahma|Rahmah = رحمة
Halima|Haleema = حليمة
Safiya|Safia|Safiyya = صفية
Bushra|Boushra = بشرى
Ghada = غادة
Lina|Lena = لينا
Yasmin|Yasmine|Jasmin = ياسمين
Abir|Abeer = عبير
`)

// arabicFamily is the head of Arabic family names: nisbas of places and
// tribes, occupational and descriptive names, the commonest "Al X" lineages.
var arabicFamily = mustTable("arabic-family", latinLines, `
al-Masri|Al-Masri|el-Masri|Elmasri|Masri = المصري ; 20
al-Tamimi|Al-Tamimi|Tamimi|al-Temimi = التميمي ; 16
al-Shammari|Al-Shammari|Shammari|al-Shamari = الشمري ; 15
al-Qahtani|Al-Qahtani|Qahtani|al-Kahtani = القحطاني ; 14
al-Otaibi|Al-Otaibi|al-Utaybi|Otaibi|al-Oteibi = العتيبي ; 13
al-Dulaimi|Al-Dulaimi|Dulaimi|al-Dulaymi = الدليمي ; 12
al-Juburi|Al-Jubouri|al-Jabouri|Jubouri = الجبوري ; 12
al-Harbi|Al-Harbi|Harbi = الحربي ; 11
al-Ghamdi|Al-Ghamdi|Ghamdi = الغامدي ; 11
al-Zahrani|Al-Zahrani|Zahrani = الزهراني ; 10
al-Anzi|Al-Anazi|al-Enezi|Anazi = العنزي ; 10
al-Mutairi|Al-Mutairi|al-Mutayri|Mutairi = المطيري ; 10
al-Dosari|Al-Dossary|al-Dawsari|Dosari = الدوسري ; 9
al-Shehri|Al-Shehri|al-Shihri|Shehri = الشهري ; 9
al-Obeidi|Al-Obaidi|al-Ubaydi|Obeidi = العبيدي ; 9
al-Zubaidi|Al-Zubaidi|al-Zubaydi|Zubaidi = الزبيدي ; 8
al-Ansari|Al-Ansari|Ansari|el-Ansari = الأنصاري ; 8
al-Hashimi|Al-Hashimi|al-Hashemi|Hashemi = الهاشمي ; 8
al-Qurashi|Al-Qurashi|al-Qurayshi|Qurashi = القرشي ; 7
al-Rashidi|Al-Rashidi|Rashidi = الرشيدي ; 7
al-Saadi|Al-Saadi|al-Sa'di|Saadi = السعدي ; 7
al-Khatib|Al-Khatib|el-Khatib|Khatib|al-Khateeb = الخطيب ; 7
al-Najjar|Al-Najjar|el-Naggar|Najjar|Naggar = النجار ; 7
al-Haddad|Al-Haddad|Haddad|el-Haddad = الحداد ; 7
al-Khayyat|Al-Khayat|Khayat|el-Khayyat = الخياط ; 6
al-Sayyid|El-Sayed|Elsayed|al-Sayed|Sayed = السيد ; 6
Abd al-Rahman|Abdel Rahman|Abdelrahman|Abdulrahman = عبدالرحمن ; 6
al-Iraqi|Al-Iraqi|Iraqi = العراقي ; 6
al-Suri|Al-Souri|Souri = السوري ; 5
al-Libi|Al-Libi|Libi|el-Libi = الليبي ; 5
al-Yamani|Al-Yemeni|al-Yemeni|Yamani = اليمني ; 5
al-Sudani|Al-Sudani|Sudani = السوداني ; 5
al-Baghdadi|Al-Baghdadi|Baghdadi = البغدادي ; 5
al-Tikriti|Al-Tikriti|Tikriti = التكريتي ; 4
al-Mosuli|Al-Mawsili|al-Mawsili|Mosuli = الموصلي ; 4
al-Halabi|Al-Halabi|Halabi = الحلبي ; 4
al-Shami|Al-Shami|Shami|ash-Shami = الشامي ; 4
al-Hadrami|Al-Hadrami|Hadrami = الحضرمي ; 4
al-Maqdisi|Al-Maqdisi|Maqdisi = المقدسي ; 4
al-Kuwaiti|Al-Kuwaiti|Kuwaiti = الكويتي ; 3
al-Filastini|Al-Filistini|Filastini = الفلسطيني ; 3
al-Urduni|Al-Urduni|Urduni = الأردني ; 3
al-Attar|Al-Attar|Attar|el-Attar = العطار ; 3
al-Sabbagh|Al-Sabbagh|Sabbagh = الصباغ ; 3
al-Hallaq|Al-Hallak|Hallak = الحلاق ; 3
al-Qadi|Al-Qadi|el-Kadi|Kadi = القاضي ; 3
al-Shaykh|Al-Sheikh|el-Sheikh|Sheikh = الشيخ ; 3
al-Aswad|Al-Aswad|Aswad = الأسود ; 3
al-Ahmar|Al-Ahmar|Ahmar = الأحمر ; 3
al-Kabir|Al-Kabir|Kabir = الكبير ; 3
al-Tawil|Al-Taweel|Tawil = الطويل ; 3
al-Nuaimi|Al-Nuaimi|al-Nuaymi|Nuaimi = النعيمي
al-Marri|Al-Marri|Marri = المري
al-Kaabi|Al-Kaabi|al-Ka'bi|Kaabi = الكعبي
al-Suwaidi|Al-Suwaidi|Suwaidi = السويدي
al-Mansuri|Al-Mansouri|Mansouri = المنصوري
al-Zarqawi|Al-Zarqawi|Zarqawi = الزرقاوي
al-Khalili|Al-Khalili|Khalili = الخليلي
al-Nabulsi|Al-Nabulsi|Nabulsi = النابلسي
al-Jaziri|Al-Jazairi|Jazairi = الجزائري
al-Tunisi|Al-Tounsi|Tounsi = التونسي
al-Maghribi|Al-Maghrebi|Maghrebi = المغربي
al-Basri|Al-Basri|Basri = البصري
al-Homsi|Al-Homsi|Homsi = الحمصي
al-Hamawi|Al-Hamawi|Hamawi = الحموي
al-Idlibi|Al-Idlibi|Idlibi = الإدلبي
al-Dimashqi|Al-Dimashqi|Dimashqi = الدمشقي
al-Sanaani|Al-Sanaani|Sanaani = الصنعاني
al-Adani|Al-Adani|Adani = العدني
al-Taizi|Al-Taizi|Taizi = التعزي
al-Asiri|Al-Asiri|Asiri = العسيري
al-Subaie|Al-Subaie|Subaie = السبيعي
al-Bishi|Al-Bishi|Bishi = البيشي
al-Jahani|Al-Juhani|Juhani = الجهني
al-Hajri|Al-Hajri|Hajri = الهاجري
al-Azmi|Al-Azmi|Azmi = العازمي
al-Fadhli|Al-Fadhli|Fadhli = الفضلي
al-Hakim|Al-Hakim|Hakim = الحكيم
Nasrallah|Nasrullah|Nasr Allah = نصرالله
Abu Zayd|Abu Zaid|Abouzeid = أبو زيد
Abu Shanab|Abou Chanab = أبو شنب
Abu Khalil|Abou Khalil = أبو خليل
Haddad|Hadad = حداد
Khoury|Khouri|al-Khuri = خوري
Hijazi|Hegazy|Higazi = حجازي
Shalabi|Chalabi|Shalaby = شلبي
Mansur|Mansour = منصور
Darwish|Darwich|Derwish = درويش
Fakhoury|Fakhouri = فاخوري
Barakat = بركات
Saleh|Salih = صالح
Othman|Osman = عثمان
Ismail|Ismael = إسماعيل
Salama|Salameh|Selama = سلامة
Ashour|Ashur|Achour = عاشور
Zaki|Zaky = زكي
Shaheen|Shahin|Chahine = شاهين
Ghanem|Ghanim = غانم
Hammoud|Hamoud|Hamud = حمود
Kassab|Qassab = قصاب
Nassar|Nasser = نصار
Jaber|Jabir = جابر
Qasim|Kassem = قاسم
`)

// maghrebiFamily is the head of Maghreb family names in their French-style
// spellings (Algeria, Morocco, Tunisia).
var maghrebiFamily = mustTable("maghrebi-family", latinLines, `
^Benali|^Ben Ali|Bin Ali = بن علي ; 12
^Belkacem|^Belkassem|Bel Qasim = بلقاسم ; 10
^Bouzid|^Bou Zid|Abu Zayd = بوزيد ; 9
^Mansouri|^El Mansouri|al-Mansuri = المنصوري ; 9
^Saidi|^Saïdi|al-Saidi = السعيدي ; 9
^Hamdi|Hamdy = حمدي ; 8
^Amrani|^El Amrani|al-Amrani = العمراني ; 8
^Idrissi|^El Idrissi|al-Idrisi = الإدريسي ; 8
^Alaoui|^El Alaoui|al-Alawi = العلوي ; 8
^Benjelloun|^Ben Jelloun|Bin Jallun = بنجلون ; 7
^Tazi|al-Tazi = التازي ; 7
^Cherkaoui|al-Sharqawi = الشرقاوي ; 7
^Bennani|Bannani = بناني ; 7
^Fassi|^El Fassi|al-Fasi = الفاسي ; 6
^Ouali|Wali = والي ; 6
^Brahimi|Ibrahimi = إبراهيمي ; 6
^Boudiaf|Bu Dayyaf = بوضياف ; 6
^Meziane|Meziani = مزيان ; 6
^Zeroual|Zerwal = زروال ; 5
^Bouazza|Bou Azza = بوعزة ; 5
^Chaoui|al-Shawi = الشاوي ; 5
^Belhadj|^Bel Hadj|Bilhajj = بلحاج ; 5
^Kaci|Kasi = قاسي ; 5
^Larbi|^Arbi|al-Arabi = العربي ; 5
^Aït Ahmed|^Ait Ahmed = آيت أحمد ; 4
^Trabelsi|^Tarabulsi|al-Tarabulsi = الطرابلسي ; 4
^Jebali|^Jbali|al-Jabali = الجبالي ; 4
^Gharbi|al-Gharbi = الغربي ; 4
^Mejri|Majri = المجري ; 4
^Ayari|Ayyari = العياري ; 4
^Jendoubi|Jundubi = الجندوبي ; 4
^Riahi|Riyahi = الرياحي ; 4
^Hammami|Hamami = الحمامي ; 4
^Dridi|Daridi = الدريدي ; 4
^Sassi|Sasi = ساسي ; 3
^Bouteflika|Butaflika = بوتفليقة ; 3
^Benyoucef|^Ben Youcef|Bin Yusuf = بن يوسف
^Benmohamed|^Ben Mohamed|Bin Muhammad = بن محمد
^Benaissa|^Ben Aissa|Bin Isa = بن عيسى
^Bensalah|^Ben Salah|Bin Salih = بن صالح
^Benamar|^Ben Amar|Bin Ammar = بن عمار
^Benhamou|Ben Hamou = بن حمو
^Boukhari|^Bukhari|al-Bukhari = البخاري
^Lounici|^Lounissi|Lunisi = لونيسي
^Hadjadj|^Hajjaj|al-Hajjaj = حجاج
^Messaoudi|^Messaoud|Masudi = مسعودي
^Rahmani|Rahmani = رحماني
^Hamidi|Hamidi = حميدي
^Kaddour|Qaddur = قدور
^Slimani|^Sliman|Sulaymani = سليماني
^Tlemcani|^Tlemçani|Tilimsani = التلمساني
^Annabi|al-Annabi = العنابي
^Marrakchi|al-Marrakushi = المراكشي
^Sfaxi|al-Safaqsi = الصفاقسي
^Oujdi|al-Wajdi = الوجدي
^Ouled Ali|Awlad Ali = أولاد علي
^Ould Salem|Wuld Salim = ولد سالم
^Ould Mohamed|Wuld Muhammad = ولد محمد
`)

// nisbaStems are places and tribes from which the long tail of nisbas
// (al-X-i, "of X") is made: the Latin stem, then the Arabic stem.
var nisbaStems = [][2]string{
	{"Masr", "مصر"}, {"Iraq", "عراق"}, {"Sudan", "سودان"}, {"Halab", "حلب"}, {"Mawsil", "موصل"}, {"Anbar", "أنبار"},
	{"Falluj", "فلوج"}, {"Ramad", "رماد"}, {"Kirkuk", "كركوك"}, {"Diyal", "ديال"}, {"Samarra", "سامرائ"}, {"Hit", "هيت"},
	{"Sinjar", "سنجار"}, {"Raqqaw", "رقاو"}, {"Dayr", "دير"}, {"Hasak", "حسك"}, {"Daraaw", "درعاو"}, {"Hamaw", "حمو"},
	{"Idlib", "إدلب"}, {"Ladhiq", "لاذق"}, {"Tartus", "طرطوس"}, {"Homs", "حمص"}, {"Saydaw", "صيداو"}, {"Sur", "صور"},
	{"Tarabulus", "طرابلس"}, {"Baalbak", "بعلبك"}, {"Zarqaw", "زرقاو"}, {"Irbid", "إربد"}, {"Karak", "كرك"}, {"Maan", "معان"},
	{"Salt", "سلط"}, {"Ghazz", "غز"}, {"Khalil", "خليل"}, {"Nabulus", "نابلس"}, {"Jinin", "جنين"}, {"Yafaw", "يافاو"},
	{"Qusaym", "قصيم"}, {"Najd", "نجد"}, {"Hijaz", "حجاز"}, {"Makk", "مك"}, {"Madan", "مدن"}, {"Taif", "طائف"},
	{"Jizan", "جيزان"}, {"Najran", "نجران"}, {"Tabuk", "تبوك"}, {"Hail", "حائل"}, {"Jawf", "جوف"}, {"Ahsai", "أحسائ"},
	{"Qatif", "قطيف"}, {"Bahrayn", "بحرين"}, {"Kuwayt", "كويت"}, {"Uman", "عمان"}, {"Sanaan", "صنعان"}, {"Adan", "عدن"},
	{"Taizz", "تعز"}, {"Ibb", "إب"}, {"Marib", "مأرب"}, {"Shabw", "شبو"}, {"Abyan", "أبين"}, {"Hudayd", "حديد"},
	{"Baydaw", "بيضاو"}, {"Tarhun", "ترهون"}, {"Misrat", "مصرات"}, {"Darnaw", "درناو"}, {"Benghaz", "بنغاز"}, {"Sirt", "سرت"},
	{"Ghadamas", "غدامس"}, {"Qayrawan", "قيروان"}, {"Sus", "سوس"}, {"Safaqs", "صفاقس"}, {"Qabis", "قابس"}, {"Binzart", "بنزرت"},
	{"Tilimsan", "تلمسان"}, {"Wahran", "وهران"}, {"Qusantin", "قسنطين"}, {"Biskr", "بسكر"}, {"Bijaw", "بجاو"}, {"Miknas", "مكناس"},
	{"Tanj", "طنج"}, {"Titwan", "تطوان"}, {"Rif", "ريف"}, {"Aswan", "أسوان"}, {"Asyut", "أسيوط"}, {"Minyaw", "منياو"},
	{"Fayyum", "فيوم"}, {"Sharqaw", "شرقاو"}, {"Dumyat", "دمياط"}, {"Mansur", "منصور"}, {"Tantaw", "طنطاو"}, {"Suhaj", "سوهاج"},
	{"Qinaw", "قناو"}, {"Ismaili", "إسماعيل"}, {"Iskandaran", "إسكندران"}, {"Kurdufan", "كردفان"}, {"Darfur", "دارفور"}, {"Khartum", "خرطوم"},
	{"Kassal", "كسل"}, {"Atbaraw", "عطبراو"}, {"Nub", "نوب"}, {"Shammar", "شمر"}, {"Ta", "طائ"}, {"Anaz", "عنز"},
	{"Jubur", "جبور"}, {"Ubayd", "عبيد"}, {"Azzaw", "عزاو"}, {"Jumayl", "جميل"}, {"Karbul", "كربول"}, {"Luhayb", "لهيب"},
	{"Harb", "حرب"}, {"Mutayr", "مطير"}, {"Shahr", "شهر"}, {"Zahran", "زهران"}, {"Ghamid", "غامد"}, {"Yam", "يام"},
	{"Ajm", "عجم"}, {"Murr", "مر"}, {"Kathir", "كثير"}, {"Hamdan", "همدان"}, {"Madhhij", "مذحج"}, {"Kind", "كند"},
	{"Awlaq", "عولق"}, {"Yafi", "يافع"}, {"Kuf", "كوف"}, {"Wasit", "واسط"}, {"Hill", "حل"}, {"Najaf", "نجف"},
	{"Karbalai", "كربلائ"}, {"Amar", "عمار"}, {"Nasir", "ناصر"}, {"Tal", "تل"}, {"Qamishl", "قامشل"}, {"Manbij", "منبج"},
}
