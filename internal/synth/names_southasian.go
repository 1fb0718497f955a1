package synth

// South Asian names: Muslim names of Pakistan, Bangladesh and India (with the
// Bangladeshi "Md." for Mohammad), Hindu names of India and the Sikh
// Singh/Kaur.
//
// Sources: Forebears' forename and surname ranks for Pakistan, India and
// Bangladesh; the 2011 Census of India's surname studies (Kumar, Singh,
// Sharma, Patel lead the list); Pakistan's NADRA public statements on name
// frequency (Muhammad first by far).

var southAsianMuslimMale = mustTable("southasian-muslim-male", latinLines, `
Muhammad|Mohammad|Mohammed|Muhammed = محمد ; 80
Ahmed|Ahmad = احمد ; 25
Ali = علی ; 20
Imran|Imraan = عمران ; 12
Asif|Aasif = آصف ; 10
Tariq|Tarik = طارق ; 9
Usman|Osman|Uthman = عثمان ; 9
Bilal|Belal = بلال ; 9
Hamza|Hamzah = حمزہ ; 8
Zubair|Zubayr = زبیر ; 8
Faisal|Faysal = فیصل ; 8
Shahid|Shaheed = شاہد ; 8
Zahid|Zaheed = زاہد ; 7
Abid = عابد ; 7
Sajid = ساجد ; 7
Naveed|Navid = نوید ; 7
Waqas = وقاص ; 6
Adnan = عدنان ; 6
Salman|Salmaan = سلمان ; 6
Irfan = عرفان ; 6
Arif|Aarif = عارف ; 6
Javed|Javaid|Jawed = جاوید ; 6
Khalid|Khaled = خالد ; 5
Rashid|Rasheed = رشید ; 5
Nadeem|Nadim = ندیم ; 5
Amir|Aamir = عامر ; 5
Shoaib|Shuaib = شعیب ; 5
Rizwan|Ridwan = رضوان ; 5
Kashif = کاشف
Abdul Rehman|Abdur Rahman|Abdul Rahman = عبدالرحمن
Abdul Rauf|Abdur Rauf = عبدالرؤف
Abdul Ghafoor|Abdul Ghafur = عبدالغفور
Abdul Sattar|Abdus Sattar = عبدالستار
Abdul Qayyum|Abdul Qayum = عبدالقیوم
Iqbal = اقبال
Nasir|Naseer = ناصر
Yasir|Yasser = یاسر
Farooq|Faruq|Farook = فاروق
Mushtaq = مشتاق
Ishtiaq = اشتیاق
Altaf = الطاف
Sohail|Suhail = سہیل
Saeed|Said = سعید
Hafiz|Hafeez = حفیظ
Aslam = اسلم
Akram = اکرم
Anwar|Anwer = انور
Jamil|Jameel = جمیل
Masood|Masud = مسعود
Rafiq|Rafique = رفیق
Shafiq|Shafique = شفیق
Rahim|Raheem = رحیم
Karim|Kareem = کریم
Mizanur|Mizan = میزان
Habibur|Habib = حبیب
Mahbub|Mahboob = محبوب
Rafiqul|Rafiq-ul = رفیق الاسلام
Aminul = امین الاسلام
Saiful = سیف الاسلام
Shafiqul = شفیق الاسلام
`)

var southAsianMuslimFemale = mustTable("southasian-muslim-female", latinLines, `
Fatima|Fatimah = فاطمہ ; 30
Ayesha|Aisha|Aysha = عائشہ ; 20
Maryam|Mariam = مریم ; 15
Khadija|Khadijah = خدیجہ ; 12
Zainab|Zaynab = زینب ; 12
Sana|Sanaa = ثنا ; 10
Nasreen|Nasrin = نسرین ; 8
Shazia = شازیہ ; 8
Rukhsana = رخسانہ
Farzana = فرزانہ
Nusrat = نصرت
Parveen|Perveen = پروین
Sadia|Saadia = سعدیہ
Rubina = روبینہ
Shabnam = شبنم
Bushra = بشریٰ
`)

var southAsianMuslimFamily = mustTable("southasian-muslim-family", latinLines, `
Khan = خان ; 40
Ahmed|Ahmad = احمد ; 20
Ali = علی ; 16
Hussain|Hussein|Husain = حسین ; 14
Shah = شاہ ; 12
Malik = ملک ; 11
Butt|Bhatt = بٹ ; 9
Qureshi|Quraishi|Koreshi = قریشی ; 8
Chaudhry|Chaudhary|Choudhury|Chowdhury = چودھری ; 8
Sheikh|Shaikh = شیخ ; 8
Siddiqui|Siddiqi|Siddique = صدیقی ; 7
Mirza = مرزا ; 7
Baig|Beg = بیگ ; 6
Abbasi = عباسی ; 6
Rana = رانا ; 5
Awan = اعوان ; 5
Rajput = راجپوت ; 5
Iqbal = اقبال ; 5
Akhtar|Akhter = اختر ; 5
Bhatti = بھٹی ; 5
Javed|Javaid = جاوید
Raza = رضا
Mughal = مغل
Hashmi|Hashemi = ہاشمی
Gillani|Gilani = گیلانی
Zaidi = زیدی
Rizvi = رضوی
Naqvi = نقوی
Jafri|Jafary = جعفری
Ansari = انصاری
Memon = میمن
Baloch|Baluch = بلوچ
Khattak = خٹک
Islam = اسلام
Rahman|Rehman = رحمان
Uddin|Ud-Din = الدین
Hossain|Hosain = حسین
Miah|Mia = میاں
Sarkar = سرکار
Talukder|Talukdar = تعلقدار
`)

var hinduMale = mustTable("hindu-male", latinLines, `
Rajesh ; 20
Suresh ; 18
Ramesh ; 16
Amit ; 16
Sanjay ; 15
Anil ; 14
Sunil ; 14
Vijay ; 13
Rahul ; 13
Ravi ; 12
Manoj ; 12
Deepak ; 11
Ashok ; 11
Arun ; 10
Pradeep|Pradip ; 10
Rakesh ; 9
Ajay ; 9
Vinod ; 9
Mukesh ; 8
Santosh ; 8
Mahesh ; 8
Sandeep|Sandip ; 8
Krishna|Krishan ; 7
Gopal ; 7
Raju
Dinesh
Naresh
Prakash
Rajendra|Rajender|Rajinder
Surendra|Surender|Surinder
Narendra|Narender
Vikas
Nitin
Sachin
Anand
Ganesh
Srinivas|Srinivasa
Venkatesh
Subramanian|Subramaniam
Murugan
Abhishek
Ankit
Gaurav
Harish
Kiran
Mohan
Prem
Rohit
Shiv|Shiva
Tarun
`)

var hinduFemale = mustTable("hindu-female", latinLines, `
Sunita ; 20
Anita ; 18
Priya ; 16
Pooja|Puja ; 15
Kavita|Kavitha ; 14
Rekha ; 12
Neha ; 12
Geeta|Gita ; 11
Lakshmi|Laxmi ; 11
Meena ; 10
Asha
Sushma
Usha
Savita
Deepa
Radha
Shanti
Lalita
Manju
Rani
`)

var sikhGiven = mustTable("sikh-given", latinLines, `
Gurpreet ; 20
Harpreet ; 18
Manpreet ; 16
Jaswinder|Jasvinder ; 14
Amarjit|Amarjeet ; 12
Kulwinder|Kulvinder ; 12
Sukhwinder|Sukhvinder ; 11
Baljit|Baljeet ; 10
Paramjit|Paramjeet ; 10
Harjit|Harjeet ; 9
Gurdeep|Gurdip ; 8
Jagdeep|Jagdip ; 8
Ranjit|Ranjeet ; 8
Sarabjit|Sarabjeet
Rajwinder
Navdeep
Mandeep
Hardeep
Jaspreet
Tejinder|Tejender
`)

var hinduFamily = mustTable("hindu-family", latinLines, `
Kumar ; 45
Sharma ; 30
Singh ; 28
Patel ; 25
Gupta ; 14
Verma ; 12
Yadav ; 12
Reddy ; 11
Rao ; 10
Shah ; 9
Jain ; 8
Mehta ; 8
Joshi ; 8
Mishra ; 8
Pandey ; 7
Nair ; 7
Iyer ; 6
Das ; 6
Chatterjee|Chattopadhyay ; 5
Banerjee|Bandyopadhyay ; 5
Mukherjee|Mukhopadhyay ; 5
Bose|Basu
Sen
Ghosh
Desai
Kapoor|Kapur
Malhotra
Agarwal|Aggarwal|Agrawal
Saxena
Srivastava
Tiwari
Dubey
Chauhan
Thakur
Pillai
Menon
Naidu
Chaudhary|Choudhary
Bhat
Kulkarni
Patil
Pawar
Shinde
Deshmukh
Naik
Prasad
Sinha
Tripathi
Trivedi
Shukla
`)

var sikhFamily = mustTable("sikh-family", latinLines, `
Gill ; 10
Sandhu ; 9
Sidhu ; 8
Dhillon ; 8
Grewal ; 6
Brar ; 6
Bains ; 5
Randhawa ; 5
Sekhon ; 4
Bajwa ; 4
Cheema
Mann
Virk
Aulakh
Chahal
Dhaliwal
Johal
Kang
`)

// hinduNameHeads and hinduNameTails make the long tail of Hindu given names
// from their Sanskrit elements (Raj-esh, Sur-endra, Dev-anand).
var (
	hinduNameHeads = []string{"Raj", "Ram", "Sur", "Dev", "Har", "Jag", "Man", "Nav", "Ash", "Pra", "Vij", "Din",
		"Nar", "Mah", "Gan", "Hem", "Jay", "Kam", "Lok", "Mad", "Nit", "Om", "Pur", "Ran", "Sat", "Shash", "Tej", "Uma",
		"Ved", "Yog", "Bhup", "Chand", "Dhar", "Gyan", "Ind", "Kish", "Mukt", "Pav", "Ris", "Shail"}
	hinduNameTails = []string{"esh", "endra", "ish", "deep", "an", "it", "inder", "anand", "raj", "kant", "pal",
		"veer", "nath", "mohan", "prakash", "kumar", "preet"}
)
