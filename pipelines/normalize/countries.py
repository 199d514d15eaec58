"""Country names and codes -> ISO 3166-1 alpha-2 (US from "United States", GB from "UK").

The name table is copied from the countries table of the embedded gazetteer
(pipelines/geocode/data/gazetteer.json.gz, GeoNames names), so normalizing needs no geocoder.
"""

from __future__ import annotations

import re
import unicodedata

COUNTRY_NAMES: dict[str, str] = {
    'Afghanistan': "AF", 'Aland Islands': "AX", 'Albania': "AL", 'Algeria': "DZ",
    'American Samoa': "AS", 'Andorra': "AD", 'Angola': "AO", 'Anguilla': "AI", 'Antarctica': "AQ",
    'Antigua and Barbuda': "AG", 'Argentina': "AR", 'Armenia': "AM", 'Aruba': "AW",
    'Australia': "AU", 'Austria': "AT", 'Azerbaijan': "AZ", 'Bahamas': "BS", 'Bahrain': "BH",
    'Bangladesh': "BD", 'Barbados': "BB", 'Belarus': "BY", 'Belgium': "BE", 'Belize': "BZ",
    'Benin': "BJ", 'Bermuda': "BM", 'Bhutan': "BT", 'Bolivia': "BO",
    'Bonaire, Saint Eustatius and Saba ': "BQ", 'Bosnia and Herzegovina': "BA", 'Botswana': "BW",
    'Bouvet Island': "BV", 'Brazil': "BR", 'British Indian Ocean Territory': "IO",
    'British Virgin Islands': "VG", 'Brunei': "BN", 'Bulgaria': "BG", 'Burkina Faso': "BF",
    'Burundi': "BI", 'Cabo Verde': "CV", 'Cambodia': "KH", 'Cameroon': "CM", 'Canada': "CA",
    'Cayman Islands': "KY", 'Central African Republic': "CF", 'Chad': "TD", 'Chile': "CL",
    'China': "CN", 'Christmas Island': "CX", 'Cocos Islands': "CC", 'Colombia': "CO",
    'Comoros': "KM", 'Cook Islands': "CK", 'Costa Rica': "CR", 'Croatia': "HR", 'Cuba': "CU",
    'Curacao': "CW", 'Cyprus': "CY", 'Czechia': "CZ", 'Democratic Republic of the Congo': "CD",
    'Denmark': "DK", 'Djibouti': "DJ", 'Dominica': "DM", 'Dominican Republic': "DO",
    'Ecuador': "EC", 'Egypt': "EG", 'El Salvador': "SV", 'Equatorial Guinea': "GQ",
    'Eritrea': "ER", 'Estonia': "EE", 'Eswatini': "SZ", 'Ethiopia': "ET",
    'Falkland Islands': "FK", 'Faroe Islands': "FO", 'Fiji': "FJ", 'Finland': "FI",
    'France': "FR", 'French Guiana': "GF", 'French Polynesia': "PF",
    'French Southern Territories': "TF", 'Gabon': "GA", 'Gambia': "GM", 'Georgia': "GE",
    'Germany': "DE", 'Ghana': "GH", 'Gibraltar': "GI", 'Greece': "GR", 'Greenland': "GL",
    'Grenada': "GD", 'Guadeloupe': "GP", 'Guam': "GU", 'Guatemala': "GT", 'Guernsey': "GG",
    'Guinea': "GN", 'Guinea-Bissau': "GW", 'Guyana': "GY", 'Haiti': "HT",
    'Heard Island and McDonald Islands': "HM", 'Honduras': "HN", 'Hong Kong': "HK",
    'Hungary': "HU", 'Iceland': "IS", 'India': "IN", 'Indonesia': "ID", 'Iran': "IR",
    'Iraq': "IQ", 'Ireland': "IE", 'Isle of Man': "IM", 'Israel': "IL", 'Italy': "IT",
    'Ivory Coast': "CI", 'Jamaica': "JM", 'Japan': "JP", 'Jersey': "JE", 'Jordan': "JO",
    'Kazakhstan': "KZ", 'Kenya': "KE", 'Kiribati': "KI", 'Kosovo': "XK", 'Kuwait': "KW",
    'Kyrgyzstan': "KG", 'Laos': "LA", 'Latvia': "LV", 'Lebanon': "LB", 'Lesotho': "LS",
    'Liberia': "LR", 'Libya': "LY", 'Liechtenstein': "LI", 'Lithuania': "LT", 'Luxembourg': "LU",
    'Macao': "MO", 'Madagascar': "MG", 'Malawi': "MW", 'Malaysia': "MY", 'Maldives': "MV",
    'Mali': "ML", 'Malta': "MT", 'Marshall Islands': "MH", 'Martinique': "MQ", 'Mauritania': "MR",
    'Mauritius': "MU", 'Mayotte': "YT", 'Mexico': "MX", 'Micronesia': "FM", 'Moldova': "MD",
    'Monaco': "MC", 'Mongolia': "MN", 'Montenegro': "ME", 'Montserrat': "MS", 'Morocco': "MA",
    'Mozambique': "MZ", 'Myanmar': "MM", 'Namibia': "NA", 'Nauru': "NR", 'Nepal': "NP",
    'Netherlands Antilles': "AN", 'New Caledonia': "NC", 'New Zealand': "NZ", 'Nicaragua': "NI",
    'Niger': "NE", 'Nigeria': "NG", 'Niue': "NU", 'Norfolk Island': "NF", 'North Korea': "KP",
    'North Macedonia': "MK", 'Northern Mariana Islands': "MP", 'Norway': "NO", 'Oman': "OM",
    'Pakistan': "PK", 'Palau': "PW", 'Palestinian Territory': "PS", 'Panama': "PA",
    'Papua New Guinea': "PG", 'Paraguay': "PY", 'Peru': "PE", 'Philippines': "PH",
    'Pitcairn': "PN", 'Poland': "PL", 'Portugal': "PT", 'Puerto Rico': "PR", 'Qatar': "QA",
    'Republic of the Congo': "CG", 'Reunion': "RE", 'Romania': "RO", 'Russia': "RU",
    'Rwanda': "RW", 'Saint Barthelemy': "BL", 'Saint Helena': "SH", 'Saint Kitts and Nevis': "KN",
    'Saint Lucia': "LC", 'Saint Martin': "MF", 'Saint Pierre and Miquelon': "PM",
    'Saint Vincent and the Grenadines': "VC", 'Samoa': "WS", 'San Marino': "SM",
    'Sao Tome and Principe': "ST", 'Saudi Arabia': "SA", 'Senegal': "SN", 'Serbia': "RS",
    'Serbia and Montenegro': "CS", 'Seychelles': "SC", 'Sierra Leone': "SL", 'Singapore': "SG",
    'Sint Maarten': "SX", 'Slovakia': "SK", 'Slovenia': "SI", 'Solomon Islands': "SB",
    'Somalia': "SO", 'South Africa': "ZA", 'South Georgia and the South Sandwich Islands': "GS",
    'South Korea': "KR", 'South Sudan': "SS", 'Spain': "ES", 'Sri Lanka': "LK", 'Sudan': "SD",
    'Suriname': "SR", 'Svalbard and Jan Mayen': "SJ", 'Sweden': "SE", 'Switzerland': "CH",
    'Syria': "SY", 'Taiwan': "TW", 'Tajikistan': "TJ", 'Tanzania': "TZ", 'Thailand': "TH",
    'The Netherlands': "NL", 'Timor Leste': "TL", 'Togo': "TG", 'Tokelau': "TK", 'Tonga': "TO",
    'Trinidad and Tobago': "TT", 'Tunisia': "TN", 'Turkey': "TR", 'Turkmenistan': "TM",
    'Turks and Caicos Islands': "TC", 'Tuvalu': "TV", 'U.S. Virgin Islands': "VI", 'Uganda': "UG",
    'Ukraine': "UA", 'United Arab Emirates': "AE", 'United Kingdom': "GB", 'United States': "US",
    'United States Minor Outlying Islands': "UM", 'Uruguay': "UY", 'Uzbekistan': "UZ",
    'Vanuatu': "VU", 'Vatican': "VA", 'Venezuela': "VE", 'Vietnam': "VN",
    'Wallis and Futuna': "WF", 'Western Sahara': "EH", 'Yemen': "YE", 'Zambia': "ZM",
    'Zimbabwe': "ZW",
}
ALIASES: dict[str, str] = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "u.s.a": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "deutschland": "DE",
    "holland": "NL", "netherlands": "NL", "the netherlands": "NL", "españa": "ES", "россия": "RU",
    "south korea": "KR", "korea": "KR", "czechia": "CZ", "russia": "RU",
}
CODES: frozenset[str] = frozenset(COUNTRY_NAMES.values())


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", folded).strip().strip(".").lower()


_BY_NAME = {_key(name): code for name, code in COUNTRY_NAMES.items()}


def country_code(text: str | None) -> str | None:
    """ISO alpha-2 for a country name or code ("United States", "us", "UK"), else None."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    if len(raw) == 2 and raw.isalpha() and raw.upper() in CODES:
        return raw.upper()
    if len(raw) == 3 and raw.upper() in ("USA", "GBR", "DEU", "FRA", "CAN", "AUS", "NLD"):
        return {"USA": "US", "GBR": "GB", "DEU": "DE", "FRA": "FR", "CAN": "CA", "AUS": "AU",
                "NLD": "NL"}[raw.upper()]
    key = _key(raw)
    return ALIASES.get(key) or _BY_NAME.get(key)
