package normalize

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDate(t *testing.T) {
	day := func(s string) DateRange { return DateRange{From: s, To: s, Precision: PrecisionDay} }
	tests := []struct {
		in   string
		want []DateRange
	}{
		{"1962-02-01", []DateRange{day("1962-02-01")}},
		{" 1962-02 ", []DateRange{{"1962-02-01", "1962-02-28", PrecisionMonth}}},
		{"1964-02", []DateRange{{"1964-02-01", "1964-02-29", PrecisionMonth}}},
		{"1962", []DateRange{{"1962-01-01", "1962-12-31", PrecisionYear}}},
		{"19620201", []DateRange{day("1962-02-01")}},
		{"1962/02/01", []DateRange{day("1962-02-01")}},
		{"approximately 1975", []DateRange{{"1974-01-01", "1976-12-31", PrecisionApproximate}}},
		{"Approximately  1975", []DateRange{{"1974-01-01", "1976-12-31", PrecisionApproximate}}},
		{"circa 1975", []DateRange{{"1974-01-01", "1976-12-31", PrecisionApproximate}}},
		{"c. 1975", []DateRange{{"1974-01-01", "1976-12-31", PrecisionApproximate}}},
		{"between 1970 and 1972", []DateRange{{"1970-01-01", "1972-12-31", PrecisionBetween}}},
		{"1970-1972", []DateRange{{"1970-01-01", "1972-12-31", PrecisionBetween}}},
		{"from 1970 to 1972", []DateRange{{"1970-01-01", "1972-12-31", PrecisionBetween}}},
		{"Between Aug. and Sep. 1977", []DateRange{{"1977-08-01", "1977-09-30", PrecisionBetween}}},
		{"1 Feb. 1962", []DateRange{day("1962-02-01")}},
		{"01 FEB 1962", []DateRange{day("1962-02-01")}},
		{"01-feb-1962", []DateRange{day("1962-02-01")}},
		{"February 1, 1962", []DateRange{day("1962-02-01")}},
		{"1st February 1962", []DateRange{day("1962-02-01")}},
		{"Nov. 1973 ", []DateRange{{"1973-11-01", "1973-11-30", PrecisionMonth}}},
		{"July 1961", []DateRange{{"1961-07-01", "1961-07-31", PrecisionMonth}}},
		{"01/02/1962", []DateRange{day("1962-02-01"), day("1962-01-02")}},
		{"13/02/1962", []DateRange{day("1962-02-13")}},
		{"02/13/1962", []DateRange{day("1962-02-13")}},
		{"05/05/1962", []DateRange{day("1962-05-05")}},
		{"1.2.1962", []DateRange{day("1962-02-01"), day("1962-01-02")}},
		{"1962; 1963", []DateRange{{"1962-01-01", "1962-12-31", PrecisionYear}, {"1963-01-01", "1963-12-31", PrecisionYear}}},
		{"1962 or 1963", []DateRange{{"1962-01-01", "1962-12-31", PrecisionYear}, {"1963-01-01", "1963-12-31", PrecisionYear}}},
		{"02/1962", []DateRange{{"1962-02-01", "1962-02-28", PrecisionMonth}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, in := range []string{"", "   ", "30-35 years old", "1962-13", "1962-02-30", "31/31/1962", "24/06/1402 (Hijri Calendar)", "unknown", "1972-1970", "12"} {
		t.Run(in, func(t *testing.T) {
			_, err := ParseDate(in)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrDate)
		})
	}
}

func TestParseMRZDate(t *testing.T) {
	now := time.Date(2026, 5, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		expiry bool
		want   DateRange
	}{
		{"620201", false, DateRange{"1962-02-01", "1962-02-01", PrecisionDay}},
		{"050101", false, DateRange{"2005-01-01", "2005-01-01", PrecisionDay}},
		{"260508", false, DateRange{"2026-05-08", "2026-05-08", PrecisionDay}},
		{"260509", false, DateRange{"1926-05-09", "1926-05-09", PrecisionDay}},
		{"300101", true, DateRange{"2030-01-01", "2030-01-01", PrecisionDay}},
		{"991231", true, DateRange{"1999-12-31", "1999-12-31", PrecisionDay}},
		{"6202<<", false, DateRange{"1962-02-01", "1962-02-28", PrecisionMonth}},
		{"62<<<<", false, DateRange{"1962-01-01", "1962-12-31", PrecisionYear}},
		{"62XXXX", false, DateRange{"1962-01-01", "1962-12-31", PrecisionYear}},
	}
	for _, tt := range tests {
		got, err := ParseMRZDate(tt.in, now, tt.expiry)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
	for _, in := range []string{"", "6202", "621301", "620230", "AB0101", "62<<01", "6202011"} {
		_, err := ParseMRZDate(in, now, false)
		assert.ErrorIs(t, err, ErrDate, in)
	}
}

func TestCountryCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"DZ", "DZ"}, {"dza", "DZ"}, {"Algeria", "DZ"}, {"Algerian", "DZ"},
		{"Iran (Islamic Republic of)", "IR"}, {"Iran ", "IR"}, {"Iran / unknown", "IR"},
		{"Syrian Arab Republic", "SY"}, {"Syria", "SY"}, {"Russian Federation", "RU"},
		{"United Kingdom of Great Britain and Northern Ireland", "GB"}, {"United Kingdom of Great Britain and Northern", "GB"},
		{"United States of America", "US"}, {"Democratic People's Republic of Korea", "KP"}, {"RPDC", "KP"},
		{"Democratic Republic of the Congo", "CD"}, {"Libya (in custody)", "LY"}, {"Libyan Arab Jamahiriya", "LY"},
		{"Bosnia and Herzegovina", "BA"}, {"Guinea-Bissau", "GW"}, {"Türkiye", "TR"}, {"Turkey", "TR"},
		{"Viet Nam", "VN"}, {"The Netherlands", "NL"}, {"State of Palestine", "PS"}, {"Palestinian Territories", "PS"},
		{"China, Hong Kong Special Administrative Region", "HK"}, {"Sultanate of Oman", "OM"}, {"Union of the Comoros", "KM"},
		{"United Republic of Tanzania", "TZ"}, {"Sudan/South Sudan", "SD"}, {"South Sudan", "SS"}, {"Indonesian passport", "ID"},
		{"Saudi Arabian", "SA"}, {"Kuwaiti", "KW"}, {"Trinidad and Tobago", "TT"}, {"Côte d'Ivoire", "CI"}, {"Pakistani", "PK"},
		{"Central African Republic", "CF"}, {"British Virgin Islands", "VG"}, {"Sudan/or South Sudan", "SD"},
	}
	for _, tt := range tests {
		got, ok := CountryCode(tt.in)
		assert.True(t, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
	for _, in := range []string{"", "unknown", "Atlantis", "Branch Office"} {
		_, ok := CountryCode(in)
		assert.False(t, ok, in)
	}
}

func TestDocumentNumber(t *testing.T) {
	tests := []struct{ in, num, key string }{
		{"273030601222", "273030601222", "273030601222"},
		{"D-379312", "D379312", "0379312"},
		{"33202-7126636-9", "3320271266369", "3320271266369"},
		{"BN 4196361", "BN4196361", "8N4196361"},
		{"Qatari passport number 00868774", "00868774", "00868774"},
		{"British passport number C00146605", "C00146605", "C00146605"},
		{"CAR diplomatic passport no. D00000897", "D00000897", "000000897"},
		{"p07834700 ", "P07834700", "P07834700"},
		{"G52FYPRL", "G52FYPRL", "652FYPR1"},
		{"AB<123<<", "AB123", "A8123"},
		{"١٢٣٤", "1234", "1234"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.num, DocumentNumber(tt.in), tt.in)
		assert.Equal(t, tt.key, DocumentKey(tt.in), tt.in)
	}
	// O/0 confusion: different numbers, equal keys.
	assert.NotEqual(t, DocumentNumber("AO123I"), DocumentNumber("A01231"))
	assert.Equal(t, DocumentKey("AO123I"), DocumentKey("A01231"))
}
