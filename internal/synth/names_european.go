package synth

// European names: France, Germany (and Austria, Switzerland), the United
// Kingdom, Spain, Italy, the Netherlands and Belgium, Sweden.
//
// Sources: INSEE's "fichier des prénoms" and surname ranks (Martin, Bernard,
// Thomas, Petit); Destatis and the Gesellschaft für deutsche Sprache (Müller,
// Schmidt, Schneider); the Office for National Statistics' baby-name and
// surname lists for England and Wales (Smith, Jones, Williams); INE Spain
// (García, Rodríguez, González; every Spaniard has two surnames); ISTAT
// (Rossi, Russo, Ferrari); the Meertens Institute's Nederlandse
// Familienamenbank (de Jong, Jansen, de Vries); SCB Sweden (Andersson,
// Johansson, Karlsson).

type europeanNation struct {
	code           string
	male, female   *table
	family         *table
	heads, tails   []string    // long tail of family names: head + tail
	particles      []string    // for Dutch/French tails: "van", "de", "du"
	doubleSurname  bool        // Spain: father's and mother's surnames
	secondGivenPct int         // per mille with a second given name
	headPct        int         // per mille of family names from the head table (the rest from heads+tails)
	syl            [4][]string // onsets, vowels, codas, endings of the rarer surnames (40% of the tail)
}

var frenchMale = mustTable("french-male", latinLines, `
Jean ; 30
Pierre ; 20
Michel ; 18
Philippe ; 16
Alain ; 14
Nicolas ; 14
Christophe ; 12
Thomas ; 12
David ; 11
Julien ; 11
Stéphane ; 10
Sébastien ; 10
Frédéric ; 9
Laurent ; 9
Éric|Eric ; 9
Olivier ; 8
François ; 8
Patrick ; 8
Kevin|Kévin ; 7
Maxime ; 7
Antoine
Guillaume
Romain
Mathieu|Matthieu
Vincent
Alexandre
Jérôme
Yannick
Florian
Bruno
`)

var frenchFemale = mustTable("french-female", latinLines, `
Marie ; 30
Nathalie ; 18
Isabelle ; 16
Sylvie ; 14
Catherine ; 13
Sophie ; 12
Christine ; 11
Céline ; 10
Julie ; 10
Sandrine ; 9
Camille
Aurélie
Émilie
Valérie
Manon
Léa
`)

var frenchFamily = mustTable("french-family", latinLines, `
Martin ; 24
Bernard ; 12
Dubois ; 11
Thomas ; 11
Robert ; 10
Richard ; 10
Petit ; 10
Durand ; 9
Leroy ; 9
Moreau ; 9
Simon ; 8
Laurent ; 8
Lefebvre|Lefèbvre ; 8
Michel ; 8
Garcia ; 7
David ; 7
Bertrand ; 7
Roux ; 7
Vincent ; 6
Fournier ; 6
Morel ; 6
Girard ; 6
André ; 6
Lefèvre ; 6
Mercier ; 6
Dupont ; 5
Lambert ; 5
Bonnet ; 5
François ; 5
Martinez ; 5
Legrand
Garnier
Faure
Rousseau
Blanc
Guérin
Muller
Henry
Roussel
Nicolas
`)

var germanMale = mustTable("german-male", latinLines, `
Michael ; 25
Thomas ; 22
Andreas ; 20
Peter ; 18
Stefan ; 16
Christian ; 15
Daniel ; 14
Markus ; 13
Sebastian ; 12
Jan ; 11
Alexander ; 11
Tobias ; 10
Lukas ; 9
Jürgen ; 9
Klaus ; 8
Wolfgang ; 8
Frank
Uwe
Dirk
Matthias
Florian
Jörg
Ralf
Hans
Karl
`)

var germanFemale = mustTable("german-female", latinLines, `
Sabine ; 20
Andrea ; 18
Petra ; 16
Claudia ; 15
Nicole ; 14
Stefanie ; 13
Julia ; 12
Anna ; 12
Katharina ; 10
Monika
Ursula
Birgit
Jessica
Laura
Lena
`)

var germanFamily = mustTable("german-family", latinLines, `
Müller ; 30
Schmidt ; 22
Schneider ; 15
Fischer ; 13
Weber ; 12
Meyer ; 11
Wagner ; 10
Becker ; 9
Schulz ; 9
Hoffmann ; 9
Schäfer ; 8
Koch ; 8
Bauer ; 8
Richter ; 7
Klein ; 7
Wolf ; 7
Schröder ; 6
Neumann ; 6
Schwarz ; 6
Zimmermann ; 6
Braun
Krüger
Hofmann
Hartmann
Lange
Schmitt
Werner
Schmitz
Krause
Meier
`)

var englishMale = mustTable("english-male", latinLines, `
David ; 25
John ; 24
James ; 22
Michael ; 20
Paul ; 16
Andrew ; 15
Peter ; 13
Mark ; 13
Richard ; 12
Robert ; 12
Daniel ; 11
Christopher ; 11
Thomas ; 10
Matthew ; 10
Stephen|Steven ; 9
Simon
Jonathan
Anthony
Gary
Ian
Kevin
Lee
Ryan
Adam
Jack
`)

var englishFemale = mustTable("english-female", latinLines, `
Sarah ; 20
Emma ; 18
Elizabeth ; 16
Susan ; 15
Helen ; 14
Claire ; 13
Rachel ; 12
Karen ; 11
Jennifer ; 10
Lisa
Amy
Rebecca
Laura
Jessica
Hannah
`)

var englishFamily = mustTable("english-family", latinLines, `
Smith ; 30
Jones ; 24
Williams ; 20
Taylor ; 14
Brown ; 14
Davies ; 12
Evans ; 10
Wilson ; 10
Thomas ; 9
Johnson ; 9
Roberts ; 9
Robinson ; 8
Thompson ; 8
Wright ; 8
Walker ; 7
White ; 7
Edwards ; 7
Hughes ; 7
Green ; 6
Hall ; 6
Lewis
Harris
Clarke
Patel
Jackson
Wood
Turner
Martin
Cooper
Hill
`)

var spanishMale = mustTable("spanish-male", latinLines, `
Antonio ; 22
José ; 21
Manuel ; 19
Francisco ; 17
David ; 14
Juan ; 14
Javier ; 13
José Antonio ; 12
Daniel ; 11
José Luis ; 11
Carlos ; 11
Jesús ; 10
Alejandro ; 10
Miguel ; 9
Rafael ; 9
Pedro
Pablo
Ángel
Sergio
Fernando
Jorge
Luis
Alberto
Juan Carlos
Álvaro
`)

var spanishFemale = mustTable("spanish-female", latinLines, `
María Carmen|Maria del Carmen ; 20
María ; 18
Carmen ; 16
Ana María ; 12
Josefa ; 10
Isabel ; 10
Laura ; 10
María Pilar ; 9
Dolores ; 8
Lucía
Cristina
Marta
Elena
Pilar
Sara
`)

var spanishFamily = mustTable("spanish-family", latinLines, `
García ; 30
Rodríguez ; 14
González ; 14
Fernández ; 13
López ; 13
Martínez ; 12
Sánchez ; 12
Pérez ; 11
Gómez ; 8
Martín ; 8
Jiménez ; 7
Ruiz ; 7
Hernández ; 7
Díaz ; 7
Moreno ; 7
Muñoz ; 6
Álvarez ; 6
Romero ; 6
Alonso ; 5
Gutiérrez ; 5
Navarro
Torres
Domínguez
Vázquez
Ramos
Gil
Ramírez
Serrano
Blanco
Molina
Morales
Suárez
Ortega
Delgado
Castro
Ortiz
Rubio
Marín
Sanz
Núñez
Iglesias
Medina
Garrido
Cortés
Castillo
Santos
Lozano
Guerrero
Cano
Prieto
Méndez
Cruz
Calvo
Gallego
Vidal
León
Márquez
Herrera
Peña
Flores
`)

var italianMale = mustTable("italian-male", latinLines, `
Giuseppe ; 22
Giovanni ; 20
Antonio ; 19
Mario ; 16
Luigi ; 14
Francesco ; 14
Angelo ; 11
Vincenzo ; 11
Pietro ; 10
Salvatore ; 10
Carlo
Franco
Domenico
Bruno
Paolo
Michele
Giorgio
Marco
Andrea
Luca
Alessandro
Roberto
Stefano
Matteo
`)

var italianFemale = mustTable("italian-female", latinLines, `
Maria ; 25
Anna ; 16
Giuseppina ; 12
Rosa ; 11
Angela ; 10
Giovanna ; 10
Teresa
Lucia
Carmela
Francesca
Giulia
Chiara
Sara
`)

var italianFamily = mustTable("italian-family", latinLines, `
Rossi ; 20
Russo ; 16
Ferrari ; 13
Esposito ; 12
Bianchi ; 10
Romano ; 10
Colombo ; 9
Ricci ; 8
Marino ; 8
Greco ; 8
Bruno ; 7
Gallo ; 7
Conti ; 7
De Luca ; 6
Mancini ; 6
Costa ; 6
Giordano ; 6
Rizzo ; 5
Lombardi ; 5
Moretti ; 5
`)

var dutchMale = mustTable("dutch-male", latinLines, `
Jan ; 20
Johannes ; 16
Cornelis ; 13
Hendrik ; 12
Willem ; 11
Pieter ; 11
Gerrit ; 9
Jacob ; 8
Dirk ; 7
Thomas
Daan
Bram
Sander
Ruben
Mark
`)

var dutchFemale = mustTable("dutch-female", latinLines, `
Maria ; 20
Johanna ; 16
Anna ; 14
Elisabeth ; 12
Cornelia ; 10
Wilhelmina
Emma
Sophie
Lotte
Sanne
`)

var dutchFamily = mustTable("dutch-family", latinLines, `
de Jong|De Jong|Dejong ; 20
Jansen ; 17
de Vries|De Vries|Devries ; 16
van den Berg|Van den Berg|Vandenberg ; 12
van Dijk|Van Dijk|Vandijk ; 12
Bakker ; 12
Janssen ; 11
Visser ; 11
Smit ; 10
Meijer|Meyer ; 10
de Boer|De Boer ; 9
Mulder ; 9
de Groot|De Groot ; 9
Bos ; 8
Vos ; 8
Peters ; 8
Hendriks ; 7
van Leeuwen|Van Leeuwen ; 7
Dekker ; 7
Brouwer ; 6
Peeters ; 6
Maes ; 6
Claes ; 5
Willems ; 5
Goossens ; 5
`)

var swedishMale = mustTable("swedish-male", latinLines, `
Lars ; 20
Mikael ; 18
Anders ; 17
Johan ; 16
Erik ; 15
Per ; 13
Karl ; 12
Peter ; 11
Thomas ; 10
Jan
Daniel
Fredrik
Hans
Magnus
`)

var swedishFemale = mustTable("swedish-female", latinLines, `
Anna ; 20
Eva ; 17
Maria ; 16
Karin ; 14
Sara ; 12
Kristina
Lena
Emma
Elin
`)

var swedishFamily = mustTable("swedish-family", latinLines, `
Andersson ; 20
Johansson ; 20
Karlsson ; 18
Nilsson ; 17
Eriksson ; 16
Larsson ; 15
Olsson ; 14
Persson ; 13
Svensson ; 13
Gustafsson ; 12
Pettersson ; 11
Jonsson ; 10
Jansson
Hansson
Bengtsson
Lindberg
Lindström
Lindqvist
Lundberg
Berglund
`)

var europeanNations = []europeanNation{
	{code: "FR", syl: [4][]string{{"B", "C", "D", "F", "G", "L", "M", "P", "R", "T", "V", "Ch", "Gr", "Br", "Tr", "J"}, {"a", "e", "i", "o", "ou", "au", "ai", "eu"}, {"l", "r", "n", "s", "t", "ss", "ll", "rr", "v", "ch", "rd"}, {"et", "ot", "ard", "ier", "eau", "in", "ant", "aud", "el", "on", "and", "ault", "ois", "y"}}, headPct: 250, male: frenchMale, female: frenchFemale, family: frenchFamily,
		heads: []string{"Du", "De la ", "Le", "La", "Des", "Beau", "Mont", "Bel", "Bon", "Petit", "Grand", "Ville"},
		tails: []string{"bois", "pont", "mont", "val", "champ", "moulin", "pré", "chêne", "lac", "roche", "fort", "mas",
			"rivière", "orme", "croix", "fontaine", "puits", "château", "sable", "vergne", "noyer", "fresne", "marais", "vigne"},
		secondGivenPct: 300},
	{code: "DE", syl: [4][]string{{"Kr", "Br", "Sch", "St", "H", "W", "M", "L", "B", "G", "R", "F", "K", "Pf", "Z", "D"}, {"a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au"}, {"ck", "ll", "nn", "rr", "tz", "ng", "rk", "lt", "nd", "ss", "rb", "hl"}, {"er", "el", "mann", "ing", "le", "ke", "ner", "ler", "en", "ert", "hold"}}, headPct: 300, male: germanMale, female: germanFemale, family: germanFamily,
		heads: []string{"Hof", "Berg", "Wald", "Stein", "Kirch", "Brunn", "Alt", "Neu", "Ober", "Unter", "Linden", "Rosen",
			"Eich", "Feld", "Wein", "Mühl", "Groß", "Lang", "Schön", "Frei", "Hart", "Roth", "Weiß", "Schwarz", "Bach", "Sonnen"},
		tails: []string{"mann", "er", "berg", "feld", "stein", "bach", "hof", "hausen", "meier", "huber", "ner", "inger",
			"dorf", "thal", "brunner", "müller", "hauser", "wald", "burger"},
		secondGivenPct: 200},
	{code: "GB", syl: [4][]string{{"Th", "Br", "Cr", "Gr", "H", "Wh", "B", "D", "F", "G", "M", "P", "R", "S", "T", "W", "L", "C"}, {"a", "e", "i", "o", "u", "ea", "oo", "ai"}, {"ck", "ll", "tt", "rn", "rd", "ng", "st", "sh", "ff", "mm", "lk"}, {"ley", "son", "ton", "er", "ell", "by", "wood", "ham", "ford", "ing", "ett", "ridge", "s"}}, headPct: 350, male: englishMale, female: englishFemale, family: englishFamily,
		heads: []string{"Ash", "Black", "Brad", "Brook", "Cald", "Cran", "Dun", "Fair", "Hart", "Holl", "Kings", "Lang",
			"Mar", "Mid", "New", "North", "Pen", "Rad", "Red", "Ring", "South", "Stan", "Sut", "West", "Whit", "Wood",
			"Mill", "Hamp", "Shel", "Thorn", "Wind", "Wel", "Bur"},
		tails: []string{"ton", "ley", "wood", "field", "ford", "well", "by", "ham", "worth", "more", "man", "son",
			"ridge", "stone", "hill", "ington", "bury", "wick"},
		secondGivenPct: 400},
	{code: "ES", male: spanishMale, female: spanishFemale, family: spanishFamily, doubleSurname: true, secondGivenPct: 100},
	{code: "IT", syl: [4][]string{{"B", "C", "D", "F", "G", "L", "M", "N", "P", "R", "S", "T", "V", "Z", "Br", "Gr"}, {"a", "e", "i", "o", "u"}, {"rr", "ll", "nn", "tt", "cc", "ss", "z", "gn", "rd", "nt", "mb"}, {"etti", "ini", "elli", "oni", "ucci", "ato", "ino", "ese", "ari", "i", "o", "one", "otti"}}, headPct: 300, male: italianMale, female: italianFemale, family: italianFamily,
		heads: []string{"Bel", "Bianc", "Ross", "Ferr", "Marin", "Gall", "Grec", "Lomb", "Mor", "Ricc", "Sant", "Mart",
			"Fior", "Cap", "Carb", "Pell", "Pic", "Pag", "Vit", "Parr", "Bon", "Cer", "Dal", "Fabbr", "Giust", "Led", "Mazz"},
		tails:          []string{"i", "o", "etti", "elli", "ini", "oni", "ucci", "ino", "ato", "ese", "one", "otti"},
		secondGivenPct: 150},
	{code: "NL", syl: [4][]string{{"B", "D", "G", "H", "K", "M", "R", "S", "V", "W", "Sch", "Kr", "Br", "Gr"}, {"a", "e", "i", "o", "u", "aa", "ee", "oo", "ui", "ij"}, {"k", "l", "n", "r", "s", "t", "rt", "ld", "nk", "ps"}, {"er", "ens", "man", "sma", "stra", "ink", "se", "je", "ing", "en"}}, headPct: 400, male: dutchMale, female: dutchFemale, family: dutchFamily,
		particles: []string{"van", "van der", "van den", "de", "van de", "ter", "ten"},
		tails: []string{"Berg", "Dijk", "Veen", "Vliet", "Beek", "Hout", "Bosch", "Meer", "Wal", "Dam", "Heuvel", "Broek",
			"Haar", "Laan", "Poel", "Wetering", "Velde", "Linden", "Hoek", "Graaf", "Zand", "Molen", "Kamp", "Horst"},
		secondGivenPct: 350},
	{code: "SE", syl: [4][]string{{"Bj", "Fr", "Gr", "H", "K", "L", "M", "N", "S", "St", "T", "V", "Å", "Ö"}, {"a", "e", "i", "o", "u", "y", "å", "ä", "ö"}, {"l", "n", "r", "s", "ck", "ng", "rk", "lm", "nd"}, {"ström", "berg", "lund", "gren", "qvist", "man", "ell", "in", "blad", "holm"}}, headPct: 450, male: swedishMale, female: swedishFemale, family: swedishFamily,
		heads: []string{"Lind", "Berg", "Sjö", "Ek", "Ny", "Sand", "Holm", "Dahl", "Ström", "Björk", "Hed", "Lund",
			"Ros", "Åker", "Fors", "Stjern", "Gran", "Hag"},
		tails:          []string{"berg", "ström", "qvist", "gren", "lund", "holm", "dahl", "kvist", "blad", "lind", "man", "stedt"},
		secondGivenPct: 400},
}
