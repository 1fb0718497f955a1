package passport

// icaoCodes are the codes of ICAO Doc 9303 Part 3 (section 5) that are not
// ISO 3166-1 alpha-3 codes of a country: either the ISO alpha-2 code of the
// country they stand for, or "" and what they are when they name no
// nationality.
var icaoCodes = map[string]struct{ iso, what string }{
	"D":   {iso: "DE"}, // Germany
	"GBD": {iso: "GB"}, // British Overseas Territories Citizen
	"GBN": {iso: "GB"}, // British National (Overseas)
	"GBO": {iso: "GB"}, // British Overseas Citizen
	"GBP": {iso: "GB"}, // British Protected Person
	"GBS": {iso: "GB"}, // British Subject
	"RKS": {iso: "XK"}, // Kosovo (UNMIK travel documents and Kosovo passports)
	"XKX": {iso: "XK"}, // Kosovo, as some states write it
	"XXA": {what: "the ICAO code of a stateless person"},
	"XXB": {what: "the ICAO code of a refugee (1951 Convention)"},
	"XXC": {what: "the ICAO code of a refugee (other than the 1951 Convention)"},
	"XXX": {what: "the ICAO code of an unspecified nationality"},
	"UTO": {what: "Utopia, the fictional state of the ICAO specimens"},
	"EUE": {what: "the European Union, an issuing organisation"},
	"UNO": {what: "the United Nations, an issuing organisation"},
	"UNA": {what: "a United Nations specialised agency, an issuing organisation"},
	"UNK": {what: "the UN Interim Administration Mission in Kosovo, an issuing organisation"},
	"XBA": {what: "the African Development Bank, an issuing organisation"},
	"XIM": {what: "the African Export-Import Bank, an issuing organisation"},
	"XCC": {what: "the Caribbean Community, an issuing organisation"},
	"XCE": {what: "the Council of Europe, an issuing organisation"},
	"XCO": {what: "COMESA, an issuing organisation"},
	"XDC": {what: "the Southern African Development Community, an issuing organisation"},
	"XEC": {what: "ECOWAS, an issuing organisation"},
	"XES": {what: "the Organisation of Eastern Caribbean States, an issuing organisation"},
	"XMP": {what: "the Parliamentary Assembly of the Mediterranean, an issuing organisation"},
	"XOM": {what: "the Sovereign Military Order of Malta, an issuing organisation"},
	"XPO": {what: "INTERPOL, an issuing organisation"},
}

// icaoCountry reads a zone's nationality or issuing state as a query's
// country: the code itself, or for a code of ICAO's own the ISO alpha-2 code
// of the country it stands for; for an ICAO code that names no nationality,
// "" and what the code is.
func icaoCountry(code string) (country, what string) {
	if c, ok := icaoCodes[code]; ok {
		return c.iso, c.what
	}
	return code, ""
}
