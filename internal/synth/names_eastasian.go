package synth

// East Asian names: China (pinyin; Taiwan and Hong Kong in Wade–Giles and
// Cantonese spellings), Korea (South and North: Revised Romanization,
// McCune–Reischauer and the common spellings), Japan (Hepburn with and
// without the long-vowel marks).
//
// Sources: the Chinese Ministry of Public Security's 2020 census of
// surnames (王 Wang 7.1%, 李 Li 7.0%, 张 Zhang 6.5%, 刘 Liu 5.4%, 陈 Chen 4.6%);
// Statistics Korea's 2015 census (Kim 21.5%, Lee 14.7%, Park 8.4%, Choi
// 4.7%, Jeong 4.3%); the Japanese surname ranks of Myoji-yurai.net (Satō,
// Suzuki, Takahashi, Tanaka).

var chineseFamily = mustTable("chinese-family", latinLines, `
Wang|Wong ; 71
Li|Lee|Lei ; 70
Zhang|Chang|Cheung ; 65
Liu|Lau|Lao ; 54
Chen|Chan|Chin ; 46
Yang|Yeung|Young ; 31
Huang|Wong|Hwang ; 24
Zhao|Chao|Chiu ; 23
Wu|Ng|Woo ; 20
Zhou|Chou|Chow ; 19
Xu|Hsu|Tsui ; 13
Sun|Suen ; 12
Ma|Mah ; 12
Zhu|Chu|Chue ; 11
Hu|Woo ; 10
Guo|Kuo|Kwok ; 10
He|Ho ; 9
Lin|Lam|Lim ; 9
Gao|Kao|Ko ; 9
Luo|Lo|Law ; 8
Zheng|Cheng|Cheng ; 7
Liang|Leung ; 7
Xie|Hsieh|Tse ; 6
Song|Sung ; 6
Tang|Tong ; 6
Han|Hon ; 5
Feng|Fung ; 5
Deng|Teng|Tang ; 5
Cao|Tsao|Tso ; 5
Peng|Pang ; 5
Zeng|Tseng|Tsang ; 5
Xiao|Hsiao|Siu ; 5
Tian|Tien ; 4
Dong|Tung ; 4
Pan|Poon ; 4
Yuan|Yuen ; 4
Cai|Tsai|Choi ; 4
Jiang|Chiang|Keung ; 4
Yu|Yue ; 4
Du|Tu|To ; 4
Ye|Yeh|Yip ; 4
Cheng|Ching ; 4
Wei|Wai ; 3
Su|Soo ; 3
Lü|Lu|Lyu|Lui ; 3
Ding|Ting ; 3
Ren|Jen|Yam ; 3
Lu|Lo|Luk ; 3
Yao|Yiu ; 3
Shen|Shum|Sham ; 3
Zhong|Chung ; 3
Jiang|Chiang ; 3
Cui|Tsui ; 3
Tan|Tam|Tarn ; 3
Lu|Loo ; 3
Fan|Faan ; 3
Wang|Wong ; 2
Liao|Liu ; 2
Shi|Shih|Sze ; 2
Jin|Chin|Kam ; 2
`)

// chineseSyllables: given-name syllables in pinyin, with their Wade–Giles
// form, the most frequent first (a name is one or two of them: Xiaoming,
// Jianguo, Wei).
var chineseSyllables = [][2]string{
	{"wei", "wei"}, {"min", "min"}, {"jing", "ching"}, {"li", "li"}, {"jie", "chieh"}, {"ming", "ming"}, {"hong", "hung"},
	{"jun", "chun"}, {"hua", "hua"}, {"jian", "chien"}, {"ping", "ping"}, {"yan", "yen"}, {"lin", "lin"}, {"yu", "yu"},
	{"xiao", "hsiao"}, {"guo", "kuo"}, {"hui", "hui"}, {"fang", "fang"}, {"qiang", "chiang"}, {"lei", "lei"}, {"bin", "pin"},
	{"hai", "hai"}, {"feng", "feng"}, {"yun", "yun"}, {"zhi", "chih"}, {"tao", "tao"}, {"chun", "chun"}, {"xin", "hsin"},
	{"yong", "yung"}, {"gang", "kang"}, {"dong", "tung"}, {"ying", "ying"}, {"hao", "hao"}, {"bo", "po"}, {"long", "lung"},
	{"xia", "hsia"}, {"na", "na"}, {"qing", "ching"}, {"mei", "mei"}, {"rong", "jung"}, {"zhen", "chen"}, {"wen", "wen"},
	{"kai", "kai"}, {"yi", "yi"}, {"liang", "liang"}, {"cheng", "cheng"}, {"jia", "chia"}, {"xue", "hsueh"}, {"lan", "lan"},
	{"fei", "fei"}, {"peng", "peng"}, {"chao", "chao"}, {"shan", "shan"}, {"zhong", "chung"}, {"de", "te"}, {"guang", "kuang"},
	{"sheng", "sheng"}, {"an", "an"}, {"ning", "ning"}, {"qi", "chi"}, {"yang", "yang"}, {"hui", "hui"}, {"song", "sung"},
	{"rui", "jui"}, {"xiang", "hsiang"}, {"tian", "tien"}, {"jiang", "chiang"}, {"shu", "shu"}, {"zi", "tzu"}, {"hong", "hung"},
	{"bao", "pao"}, {"cai", "tsai"}, {"chang", "chang"}, {"chen", "chen"}, {"chuan", "chuan"}, {"cong", "tsung"},
	{"dan", "tan"}, {"fa", "fa"}, {"fu", "fu"}, {"gui", "kuei"}, {"han", "han"}, {"he", "ho"}, {"heng", "heng"},
	{"hu", "hu"}, {"huan", "huan"}, {"huang", "huang"}, {"ji", "chi"}, {"jiao", "chiao"}, {"jin", "chin"},
	{"ju", "chu"}, {"juan", "chuan"}, {"kang", "kang"}, {"ke", "ko"}, {"kun", "kun"}, {"le", "le"}, {"lian", "lien"},
	{"ling", "ling"}, {"lu", "lu"}, {"luo", "lo"}, {"man", "man"}, {"meng", "meng"}, {"miao", "miao"}, {"mu", "mu"},
	{"nan", "nan"}, {"pei", "pei"}, {"qian", "chien"}, {"qiu", "chiu"}, {"quan", "chuan"}, {"ren", "jen"},
	{"ru", "ju"}, {"ruo", "jo"}, {"sen", "sen"}, {"shao", "shao"}, {"shen", "shen"}, {"shi", "shih"},
	{"shuang", "shuang"}, {"si", "ssu"}, {"tai", "tai"}, {"ting", "ting"}, {"tong", "tung"}, {"wan", "wan"},
	{"wang", "wang"}, {"wu", "wu"}, {"xi", "hsi"}, {"xian", "hsien"}, {"xiu", "hsiu"}, {"xu", "hsu"},
	{"xuan", "hsuan"}, {"ya", "ya"}, {"yao", "yao"}, {"ye", "yeh"}, {"yin", "yin"}, {"you", "yu"}, {"yuan", "yuan"},
	{"yue", "yueh"}, {"ze", "tse"}, {"zeng", "tseng"}, {"zhan", "chan"}, {"zhao", "chao"}, {"zhe", "che"},
	{"zheng", "cheng"}, {"zhu", "chu"}, {"zhuo", "cho"}, {"zong", "tsung"}, {"zuo", "tso"}, {"qin", "chin"},
}

var koreanFamily = mustTable("korean-family", latinLines, `
Kim|Gim ; 215
Lee|Yi|Rhee|Ri ; 147
Park|Pak|Bak ; 84
Choi|Choe|Chwe ; 47
Jeong|Jung|Chung|Chong ; 43
Kang|Gang ; 23
Jo|Cho ; 21
Yoon|Yun ; 21
Jang|Chang ; 20
Lim|Im|Rim ; 17
Han ; 15
Oh|O ; 15
Seo|Suh|So ; 15
Shin|Sin ; 15
Kwon|Gwon ; 14
Hwang ; 14
Ahn|An ; 13
Song ; 13
Jeon|Jun|Chon ; 11
Hong ; 11
Yu|Yoo|Ryu ; 11
Ko|Go ; 9
Moon|Mun ; 9
Yang|Ryang ; 9
Son ; 9
Bae|Pae ; 8
Baek|Paek ; 8
Heo|Hur|Ho ; 7
Nam ; 6
Ri|Rhee ; 5
`)

// koreanSyllables: given-name syllables, Revised Romanization first, then
// McCune–Reischauer (used in North Korea) and common spellings.
var koreanSyllables = [][]string{
	{"jong", "chong"}, {"min", "min"}, {"seong", "song", "sung"}, {"yeong", "yong", "young"}, {"ho", "ho"}, {"jin", "chin"},
	{"su", "su", "soo"}, {"hyeon", "hyon", "hyun"}, {"jun", "chun", "joon"}, {"cheol", "chol", "chul"}, {"eun", "un"},
	{"hui", "hui", "hee"}, {"gyeong", "kyong", "kyung"}, {"dong", "tong"}, {"il", "il"}, {"nam", "nam"}, {"gwang", "kwang"},
	{"hak", "hak"}, {"myeong", "myong", "myung"}, {"seok", "sok", "suk"}, {"hyeok", "hyok", "hyuk"}, {"guk", "kuk", "kook"},
	{"ryong", "ryong", "ryung"}, {"sang", "sang"}, {"won", "won"}, {"u", "u", "woo"}, {"ji", "chi"}, {"hwa", "hwa"},
	{"ok", "ok"}, {"sun", "sun", "soon"}, {"yeon", "yon", "yun"}, {"tae", "thae"}, {"gi", "ki"}, {"bok", "pok"},
	{"chan", "chan"}, {"man", "man"}, {"hun", "hun", "hoon"}, {"bin", "pin"}, {"jae", "chae"}, {"in", "in"},
	{"do", "to"}, {"gyu", "kyu"}, {"ha", "ha"}, {"hae", "hae"}, {"hwan", "hwan"}, {"hyo", "hyo"}, {"hye", "hye"},
	{"jeong", "chong", "jung"}, {"ju", "chu", "joo"}, {"mi", "mi"}, {"mun", "mun", "moon"}, {"na", "na"},
	{"o", "o", "oh"}, {"pil", "phil"}, {"ri", "ri"}, {"sa", "sa"}, {"se", "se"}, {"seon", "son", "sun"},
	{"si", "si", "shi"}, {"so", "so"}, {"tak", "thak"}, {"ung", "ung"}, {"wan", "wan"}, {"woo", "u"},
	{"ye", "ye"}, {"yong", "yong"}, {"yu", "yu", "yoo"}, {"beom", "pom", "bum"}, {"cheon", "chon", "chun"},
	{"geun", "kun", "keun"}, {"gil", "kil"}, {"ryeol", "ryol", "ryul"}, {"taek", "thaek"}, {"yeol", "yol", "yul"},
}

var japaneseFamily = mustTable("japanese-family", latinLines, `
Satō|Sato|Satoh|Sato ; 19
Suzuki ; 18
Takahashi ; 14
Tanaka ; 13
Itō|Ito|Itoh ; 11
Watanabe ; 11
Yamamoto ; 11
Nakamura ; 10
Kobayashi ; 10
Katō|Kato|Katoh ; 9
Yoshida ; 8
Yamada ; 8
Sasaki ; 7
Yamaguchi ; 6
Matsumoto ; 6
Inoue ; 6
Kimura ; 6
Hayashi ; 5
Saitō|Saito|Saitoh ; 5
Shimizu ; 5
Yamazaki ; 4
Mori ; 4
Ikeda ; 4
Hashimoto ; 4
Abe ; 4
Ishikawa ; 4
Ogawa ; 4
Ōta|Ota|Ohta|Oota ; 3
Okada ; 3
Maeda ; 3
Fujita ; 3
Kondō|Kondo|Kondoh ; 3
`)

var japaneseMale = mustTable("japanese-male", latinLines, `
Hiroshi ; 16
Takashi ; 14
Kenji ; 12
Yūki|Yuki|Yuuki ; 11
Daisuke ; 10
Makoto ; 10
Kazuo ; 9
Akira ; 9
Satoshi ; 9
Tetsuya ; 8
Shinji
Naoki
Kōji|Koji|Kouji
Yōichi|Yoichi|Youichi
Masahiro
Ryō|Ryo|Ryou
Shōta|Shota|Shouta
Kenta
Takuya
Tarō|Taro|Tarou
`)

var japaneseFemale = mustTable("japanese-female", latinLines, `
Yōko|Yoko|Youko ; 14
Keiko ; 13
Yumi ; 12
Naoko ; 11
Akiko ; 10
Tomoko ; 10
Megumi ; 9
Yuka ; 9
Mayumi ; 8
Sakura
Aiko
Haruka
Kyōko|Kyoko|Kyouko
`)

// japaneseHeads and japaneseTails make the long tail of Japanese family
// names, as they are formed: place and nature words (Yama-moto "base of the
// mountain", Naka-mura "middle village", Ishi-kawa "stone river").
var (
	japaneseHeads = []string{"Yama", "Naka", "Ta", "Ki", "Mori", "Hashi", "Ishi", "Kawa", "Matsu", "Fuji", "Taka",
		"Oka", "Hira", "Kita", "Nishi", "Higashi", "Minami", "Ue", "Shimo", "Miya", "Sugi", "Hayashi", "Kuro", "Shira",
		"Aka", "Ao", "Ike", "Tsuchi", "Ara", "Kane", "Ko", "Naga", "Hoshi", "Kiku", "Sakura", "Umi", "Tani", "Iwa"}
	japaneseTails = []string{"moto", "da", "mura", "kawa", "shita", "guchi", "hara", "no", "zaki", "saki", "ta",
		"shima", "yama", "uchi", "oka", "sawa", "gawa", "bayashi", "mori", "tani", "hashi", "ishi", "ike", "naka", "kubo"}
)
