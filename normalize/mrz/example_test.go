package mrz_test

import (
	"fmt"

	"github.com/raqib/raqib/normalize/mrz"
)

func ExampleParse() {
	m, err := mrz.Parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Format, m.DocumentCode, m.IssuingState, m.DocumentNumber)
	fmt.Println(m.Surname, m.GivenNames, m.Sex, m.Birth.From, m.ExpiryDate)
	fmt.Println("valid:", m.Valid())
	// Output:
	// TD3 P UTO L898902C3
	// ERIKSSON [ANNA MARIA] F 1974-08-12 2012-04-15
	// valid: true
}

func ExampleParse_badCheckDigit() {
	// The specimen with the birth date misread as 74O812 and its check
	// digit as 3.
	m, err := mrz.Parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L898902C36UTO74O8123F1204159ZE184226B<<<<<10")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range m.Checks {
		if !c.OK {
			fmt.Printf("%s: check digit %c, computed %c\n", c.Field, c.Got, c.Want)
		}
	}
	for _, w := range m.Warnings {
		fmt.Printf("%s: %s (corrected: %s)\n", w.Field, w.Message, w.Corrected)
	}
	fmt.Println("valid:", m.Valid(), "birth:", m.Birth.From)
	// Output:
	// birth_date: check digit 3, computed 6
	// composite: check digit 0, computed 1
	// birth_date: "74O812" holds letters: OCR confusion for "740812" (corrected: 740812)
	// valid: false birth: 1974-08-12
}

func ExampleMRZ_NameVariants() {
	// ابو بكر محمد بن زكريا الرازي in the ICAO 9303 Part 3 transliteration.
	m, err := mrz.Parse("P<UTOALRAZY<<ABW<BKR<MXHMD<BN<ZKRYA<<<<<<<<<\n" +
		"A1234567<6UTO6202013M3001019<<<<<<<<<<<<<<<6")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.ArabicName())
	for _, v := range m.NameVariants() {
		fmt.Println(v)
	}
	// Output:
	// ابو بكر محمد بن زكريا الرازي
	// ABW BKR MXHMD BN ZKRYA ALRAZY
	// ABW BKR MHMD BN ZKRYA ALRAZY
	// ABU BAKR MOHAMMED BIN ZAKARIA AL RAZI
	// ABU BAKAR MUHAMMAD BIN ZAKARIYA AL RAZIE
	// ABU BAKR MAHAMED BIN ZAKARIA AL RAZI
	// ABU BAKAR MAHMAD BIN ZAKARIA AL RAZI
}

func ExampleBuild() {
	z, err := mrz.Build(mrz.TD3, mrz.Document{
		DocumentCode: "P", IssuingState: "DZA", Surname: "LOUNICI", GivenNames: []string{"DJAMEL"},
		DocumentNumber: "123456789", Nationality: "DZA", BirthDate: "620201", Sex: "M", ExpiryDate: "300101",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(z)
	// Output:
	// P<DZALOUNICI<<DJAMEL<<<<<<<<<<<<<<<<<<<<<<<<
	// 1234567897DZA6202013M3001019<<<<<<<<<<<<<<<4
}

func ExampleCheckDigit() {
	fmt.Printf("%c\n", mrz.CheckDigit("L898902C3"))
	// Output: 6
}
