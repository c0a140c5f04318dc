"""Country names: ISO 3166-1 alpha-2 code, the one name litkit shows, and the spellings exports
use (Web of Science abbreviations such as ``Peoples R China``, ``U Arab Emirates``; the UK's
nations; former names). Data only."""

#: "code|name|alias|alias..." one country a line
COUNTRY_TABLE = """\
AD|Andorra
AE|United Arab Emirates|U Arab Emirates|UAE
AF|Afghanistan
AG|Antigua and Barbuda|Antigua & Barbu
AL|Albania
AM|Armenia
AO|Angola
AR|Argentina
AT|Austria
AU|Australia
AZ|Azerbaijan
BA|Bosnia and Herzegovina|Bosnia & Herceg|Bosnia & Herzegovina|Bosnia
BB|Barbados
BD|Bangladesh
BE|Belgium
BF|Burkina Faso
BG|Bulgaria
BH|Bahrain
BI|Burundi
BJ|Benin
BN|Brunei|Brunei Darussalam
BO|Bolivia
BR|Brazil|Brasil
BS|Bahamas
BT|Bhutan
BW|Botswana
BY|Belarus|Byelarus
BZ|Belize
CA|Canada
CD|DR Congo|Dem Rep Congo|Democratic Republic of the Congo|Congo, Democratic Republic
CF|Central African Republic|Cent Afr Republ
CG|Republic of the Congo|Rep Congo|Congo
CH|Switzerland
CI|Cote d'Ivoire|Cote Ivoire|Ivory Coast|Côte d'Ivoire
CL|Chile
CM|Cameroon
CN|China|Peoples R China|People's Republic of China|PR China|P.R. China|PRC
CO|Colombia
CR|Costa Rica
CU|Cuba
CV|Cape Verde|Cabo Verde
CY|Cyprus
CZ|Czech Republic|Czechia
DE|Germany|Fed Rep Ger|W Germany|Deutschland
DJ|Djibouti
DK|Denmark
DM|Dominica
DO|Dominican Republic|Dominican Rep
DZ|Algeria
EC|Ecuador
EE|Estonia
EG|Egypt
ER|Eritrea
ES|Spain|España
ET|Ethiopia
FI|Finland
FJ|Fiji
FR|France
GA|Gabon
GB|United Kingdom|UK|England|Scotland|Wales|North Ireland|Northern Ireland|Great Britain|U.K.
GD|Grenada
GE|Georgia|Rep of Georgia
GH|Ghana
GL|Greenland
GM|Gambia
GN|Guinea
GQ|Equatorial Guinea|Equat Guinea
GR|Greece
GT|Guatemala
GW|Guinea-Bissau|Guinea Bissau
GY|Guyana
HK|Hong Kong
HN|Honduras
HR|Croatia
HT|Haiti
HU|Hungary
ID|Indonesia
IE|Ireland|Irish Republic
IL|Israel
IN|India
IQ|Iraq
IR|Iran|Islamic Republic of Iran|Iran, Islamic Republic of
IS|Iceland
IT|Italy|Italia
JM|Jamaica
JO|Jordan
JP|Japan
KE|Kenya
KG|Kyrgyzstan|Kyrgyz Republic
KH|Cambodia
KN|Saint Kitts and Nevis|St Kitts & Nevi
KP|North Korea|Korea, Democratic People's Republic of|Dem People's Republic of Korea
KR|South Korea|Korea|Republic of Korea|Korea, Republic of|Korea (South)|Rep Korea
KW|Kuwait
KZ|Kazakhstan
LA|Laos|Lao People's Democratic Republic
LB|Lebanon
LC|Saint Lucia|St Lucia
LI|Liechtenstein
LK|Sri Lanka
LR|Liberia
LS|Lesotho
LT|Lithuania
LU|Luxembourg
LV|Latvia
LY|Libya
MA|Morocco
MC|Monaco
MD|Moldova|Republic of Moldova
ME|Montenegro
MG|Madagascar
MK|North Macedonia|Macedonia|Rep of North Macedonia
ML|Mali
MM|Myanmar|Burma
MN|Mongolia
MO|Macao|Macau
MR|Mauritania
MT|Malta
MU|Mauritius
MV|Maldives
MW|Malawi
MX|Mexico|México
MY|Malaysia
MZ|Mozambique
NA|Namibia
NC|New Caledonia
NE|Niger
NG|Nigeria
NI|Nicaragua
NL|Netherlands|The Netherlands|Holland
NO|Norway
NP|Nepal
NZ|New Zealand
OM|Oman
PA|Panama
PE|Peru
PG|Papua New Guinea|Papua N Guinea
PH|Philippines
PK|Pakistan
PL|Poland
PR|Puerto Rico
PS|Palestine|State of Palestine|Palestinian Territories
PT|Portugal
PY|Paraguay
QA|Qatar
RE|Reunion|Réunion
RO|Romania
RS|Serbia|Serbia Monteneg
RU|Russia|Russian Federation|USSR
RW|Rwanda
SA|Saudi Arabia
SC|Seychelles
SD|Sudan
SE|Sweden
SG|Singapore
SI|Slovenia
SK|Slovakia|Slovak Republic
SL|Sierra Leone
SM|San Marino
SN|Senegal
SO|Somalia
SR|Suriname|Surinam
SS|South Sudan
SV|El Salvador
SY|Syria|Syrian Arab Republic
SZ|Eswatini|Swaziland
TD|Chad
TG|Togo
TH|Thailand
TJ|Tajikistan
TN|Tunisia
TR|Turkey|Turkiye|Türkiye
TT|Trinidad and Tobago|Trinid & Tobago|Trinidad & Tobago
TW|Taiwan|Taiwan, Province of China|Republic of China
TZ|Tanzania|United Republic of Tanzania
UA|Ukraine
UG|Uganda
US|United States|USA|United States of America|U.S.A.|U.S.|US
UY|Uruguay
UZ|Uzbekistan
VA|Vatican|Vatican City|Holy See
VE|Venezuela
VN|Vietnam|Viet Nam
YE|Yemen
ZA|South Africa|Rep South Africa
ZM|Zambia
ZW|Zimbabwe
"""

#: US state codes: a WoS/PubMed address ending "CA 94305" or "MD, USA" is in the United States
US_STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
             "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()

#: US state names (Georgia left to the country): "Oak Ridge, Tennessee" is in the United States
US_STATE_NAMES = tuple(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho "
    "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota "
    "mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas "
    "utah vermont virginia washington wisconsin wyoming".split()) + (
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
    "rhode island", "south carolina", "south dakota", "west virginia", "district of columbia")
