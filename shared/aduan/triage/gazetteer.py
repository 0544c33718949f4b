"""Gazetteer of Kota Malang: kelurahan, landmarks, roads, and names that are clearly outside the city.

Coordinates are approximate kelurahan centroids (WGS84), good enough for nearest-neighbour assignment
within the city.  The city outline is a coarse hull; points outside it are ``luar_kota``.
"""

from __future__ import annotations

import math

AREAS: tuple[str, ...] = ("klojen", "blimbing", "kedungkandang", "lowokwaru", "sukun", "luar_kota")
POLSEK_AREAS: tuple[str, ...] = AREAS[:5]

# fmt: off
# kelurahan -> (kecamatan, (lat, lon), extra aliases)
KELURAHAN: dict[str, tuple[str, tuple[float, float], tuple[str, ...]]] = {
    # Klojen
    "Klojen": ("klojen", (-7.9755, 112.6345), ()),
    "Rampal Celaket": ("klojen", (-7.9675, 112.6355), ("rampalcelaket", "celaket")),
    "Samaan": ("klojen", (-7.9665, 112.6305), ()),
    "Kidul Dalem": ("klojen", (-7.9845, 112.6330), ("kiduldalem",)),
    "Sukoharjo": ("klojen", (-7.9880, 112.6325), ()),
    "Kasin": ("klojen", (-7.9925, 112.6245), ()),
    "Kauman": ("klojen", (-7.9810, 112.6280), ()),
    "Oro-oro Dowo": ("klojen", (-7.9700, 112.6260), ("oro oro dowo", "orooro dowo", "ooo dowo")),
    "Bareng": ("klojen", (-7.9805, 112.6190), ()),
    "Gadingkasri": ("klojen", (-7.9705, 112.6125), ("gading kasri",)),
    "Penanggungan": ("klojen", (-7.9595, 112.6205), ()),
    # Blimbing
    "Balearjosari": ("blimbing", (-7.9170, 112.6530), ("balear josari",)),
    "Arjosari": ("blimbing", (-7.9290, 112.6560), ()),
    "Polowijen": ("blimbing", (-7.9265, 112.6440), ()),
    "Purwodadi": ("blimbing", (-7.9375, 112.6430), ()),
    "Blimbing": ("blimbing", (-7.9455, 112.6420), ()),
    "Pandanwangi": ("blimbing", (-7.9440, 112.6575), ("pandan wangi",)),
    "Purwantoro": ("blimbing", (-7.9550, 112.6445), ()),
    "Bunulrejo": ("blimbing", (-7.9620, 112.6470), ("bunul",)),
    "Kesatrian": ("blimbing", (-7.9680, 112.6445), ("ksatrian",)),
    "Polehan": ("blimbing", (-7.9755, 112.6435), ()),
    "Jodipan": ("blimbing", (-7.9815, 112.6395), ()),
    # Kedungkandang
    "Kotalama": ("kedungkandang", (-7.9950, 112.6415), ("kota lama",)),
    "Mergosono": ("kedungkandang", (-8.0005, 112.6365), ()),
    "Bumiayu": ("kedungkandang", (-8.0255, 112.6440), ("bumi ayu",)),
    "Wonokoyo": ("kedungkandang", (-8.0430, 112.6585), ()),
    "Buring": ("kedungkandang", (-8.0145, 112.6555), ()),
    "Kedungkandang": ("kedungkandang", (-7.9985, 112.6540), ("kedung kandang",)),
    "Lesanpuro": ("kedungkandang", (-7.9845, 112.6725), ("lesan puro",)),
    "Sawojajar": ("kedungkandang", (-7.9705, 112.6605), ("sawo jajar",)),
    "Madyopuro": ("kedungkandang", (-7.9690, 112.6790), ("madyo puro",)),
    "Cemorokandang": ("kedungkandang", (-7.9895, 112.6820), ("cemoro kandang",)),
    "Arjowinangun": ("kedungkandang", (-8.0170, 112.6700), ()),
    "Tlogowaru": ("kedungkandang", (-8.0340, 112.6730), ("tlogo waru",)),
    # Lowokwaru
    "Tunggulwulung": ("lowokwaru", (-7.9200, 112.6190), ("tunggul wulung",)),
    "Merjosari": ("lowokwaru", (-7.9395, 112.6005), ()),
    "Tlogomas": ("lowokwaru", (-7.9290, 112.6040), ("tlogo mas",)),
    "Dinoyo": ("lowokwaru", (-7.9425, 112.6135), ()),
    "Sumbersari": ("lowokwaru", (-7.9560, 112.6160), ()),
    "Ketawanggede": ("lowokwaru", (-7.9495, 112.6120), ("ketawang gede",)),
    "Jatimulyo": ("lowokwaru", (-7.9410, 112.6225), ()),
    "Lowokwaru": ("lowokwaru", (-7.9495, 112.6305), ()),
    "Tulusrejo": ("lowokwaru", (-7.9430, 112.6335), ()),
    "Mojolangu": ("lowokwaru", (-7.9325, 112.6335), ()),
    "Tunjungsekar": ("lowokwaru", (-7.9250, 112.6330), ("tunjung sekar",)),
    "Tasikmadu": ("lowokwaru", (-7.9125, 112.6280), ("tasik madu",)),
    # Sukun
    "Kebonsari": ("sukun", (-8.0120, 112.6285), ("kebon sari",)),
    "Gadang": ("sukun", (-8.0230, 112.6290), ()),
    "Ciptomulyo": ("sukun", (-8.0000, 112.6275), ()),
    "Sukun": ("sukun", (-7.9975, 112.6170), ()),
    "Bandungrejosari": ("sukun", (-8.0120, 112.6150), ("bandung rejosari",)),
    "Bakalan Krajan": ("sukun", (-8.0310, 112.6120), ("bakalankrajan",)),
    "Mulyorejo": ("sukun", (-7.9990, 112.5975), ()),
    "Bandulan": ("sukun", (-7.9800, 112.6030), ()),
    "Tanjungrejo": ("sukun", (-7.9870, 112.6140), ("tanjung rejo",)),
    "Pisang Candi": ("sukun", (-7.9710, 112.6040), ("pisangcandi",)),
    "Karang Besuki": ("sukun", (-7.9555, 112.6030), ("karangbesuki",)),
}

# Names that are also ordinary words; they count only with a locative cue or capitalisation.
AMBIGUOUS: frozenset[str] = frozenset({
    "bareng", "kasin", "sukun", "gadang", "buring", "samaan", "blimbing", "kauman", "klojen", "bunul",
    "batu", "veteran", "borobudur", "semeru", "bromo", "arjuno", "tugu", "galunggung", "danau", "tidar",
    "dau", "pakis", "pagak", "gedangan", "wajak", "jabung", "sisir", "pendem", "beji", "jetis", "punten",
    "temas", "surabaya", "sidoarjo", "pasuruan", "probolinggo", "blitar", "kediri", "lumajang", "jember",
    "jakarta", "mojokerto", "tulungagung", "bangil", "purwosari", "ngaglik", "celaket", "kota lama",
    "bandara", "kanjuruhan", "sidomulyo", "sumberejo", "dadaprejo", "wonosari", "kawi", "ijen", "janti",
    "kalisongo", "kasembon", "ub", "um", "itn", "umm", "uin", "pakisaji", "araya", "ciliwung", "tenaga",
    "splendid", "oro oro ombo", "selecta",
    "lawang", "bantur", "dampit", "turen", "tumpang", "kepanjen", "singosari", "karangploso", "wagir",
    "mergan", "comboran", "gajayana",
})

# alias -> area (kecamatan code or luar_kota).  Aliases are lower-case, space separated.
# Roads along a kecamatan border are deliberately absent (Jl. Veteran runs between Klojen and Lowokwaru):
# such a road alone says nothing; a kelurahan or landmark named with it decides.
LANDMARKS: dict[str, str] = {}


def _add(area: str, *aliases: str) -> None:
    for a in aliases:
        LANDMARKS[a] = area


_add(
    "klojen",
    "alun alun", "alun alun merdeka", "alun alun malang", "alun alun kota malang", "alun alun kota",
    "alun alun tugu", "bundaran tugu", "tugu malang", "tugu", "jl tugu", "balai kota", "balaikota",
    "balai kota malang", "dprd kota malang", "jl kawi", "kawi", "jl ijen", "ijen", "jl besar ijen",
    "ijen boulevard", "kayutangan", "kayu tangan", "kayutangan heritage", "kampung heritage kayutangan",
    "basuki rahmat", "jl basuki rahmat", "basra", "pasar besar", "pasar besar malang", "stasiun malang",
    "stasiun kota baru", "stasiun kotabaru", "stasiun malang kota baru", "stasiun malang kotabaru",
    "stasiun baru", "mog", "mall olympic garden", "olympic garden", "matos", "malang town square",
    "mx mall", "transmart mx", "sarinah", "sarinah malang", "ramayana", "mall ramayana", "malang plaza",
    "stadion gajayana", "rssa", "rs saiful anwar", "rsu saiful anwar", "rsud saiful anwar",
    "saiful anwar", "lavalette", "rs lavalette", "rs hermina", "rs aisyiyah", "rsi aisyiyah",
    "rs panti waluya", "panti waluya", "rs sawahan", "rsia melati husada", "melati husada",
    "jl semeru", "semeru", "jl bromo", "bromo", "jl arjuno", "arjuno", "jl welirang", "jl kahuripan",
    "kahuripan", "jl merdeka", "jl kertanegara", "kertanegara", "jl trunojoyo", "trunojoyo",
    "taman trunojoyo", "jl majapahit", "majapahit", "jl agus salim", "agus salim", "jl zainul arifin",
    "zainul arifin", "jl sultan agung", "jl jaksa agung suprapto", "jaksa agung suprapto",
    "ja suprapto", "jl ja suprapto", "jl dr cipto", "jl pattimura", "jl galunggung", "galunggung",
    "jl tangkuban perahu", "tangkuban perahu", "jl raung", "jl wilis", "jl retawu", "jl guntur",
    "taman merbabu", "jl merbabu", "taman slamet", "hutan kota malabar", "malabar", "jl malabar",
    "taman rekreasi kota", "tarekot", "museum brawijaya", "masjid jami", "gereja kayutangan",
    "pasar klojen", "pasar oro oro dowo", "pasar bareng", "pasar kasin", "comboran", "pasar comboran",
    "splendid", "pasar splendid", "pasar bunga splendid", "kampung biru arema", "jl jakarta",
    "jl bandung", "jl bogor", "jl jombang", "taman kunang kunang", "jl kawi atas", "jl dieng atas",
    "jl sawahan", "jl nusakambangan", "jl kh hasyim asyari", "jl hasyim asyari", "jl semeru atas",
    "jl ade irma suryani", "jl mgr sugiyopranoto", "jl wr supratman", "wr supratman",
    "pecinan", "jl kyai tamin", "kyai tamin", "jl arif rahman hakim", "jl jend basuki rahmat", "jl talang",
    "jl celaket", "jl kaliurang",
    "gereja ijen", "katedral ijen",
    "jl bondowoso", "jl tenes",
)
_add(
    "blimbing",
    "terminal arjosari", "stasiun blimbing", "pasar blimbing", "pasar bunul", "pasar bunulrejo",
    "jl sulfat", "sulfat", "jl a yani", "jl ahmad yani", "a yani", "ahmad yani", "jl jend ahmad yani",
    "jl letjen s parman", "s parman", "jl s parman", "jl panji suroso", "panji suroso", "jl raden intan",
    "raden intan", "jl tumenggung suryo", "tumenggung suryo", "jl la sucipto", "la sucipto",
    "jl laksda adi sucipto", "adi sucipto", "jl ciliwung", "ciliwung", "jl tenaga",
    "kampung warna warni", "kampung warna warni jodipan", "kampung wisata jodipan", "kampung tridi",
    "kampung 3d", "kampung glintung", "glintung", "lapangan rampal", "rampal", "araya", "perum araya",
    "plaza araya", "rs persada", "persada hospital", "rs persada hospital", "jl simpang ciliwung",
    "jl teluk", "jl teluk cendrawasih", "jl teluk grajakan", "jl teluk bayur", "jl teluk pelabuhan ratu",
    "jl indragiri", "jl serayu", "jl karya timur", "rumah sakit persada",
)
_add(
    "kedungkandang",
    "terminal hamid rusdi", "hamid rusdi terminal", "terminal madyopuro", "pasar madyopuro",
    "pasar sawojajar", "pasar kebalen", "kebalen", "jl kebalen", "rs panti nirmala", "panti nirmala",
    "rsud kota malang", "rsud malang", "velodrome", "stadion velodrome", "gor ken arok", "ken arok",
    "jl danau", "danau", "jl ranugrati", "ranugrati", "jl mayjen sungkono", "mayjen sungkono",
    "jl ki ageng gribig", "ki ageng gribig", "jl muharto", "muharto", "jembatan muharto",
    "jl kedungkandang", "exit tol madyopuro", "gerbang tol madyopuro", "tol madyopuro",
    "jl raya sawojajar", "jl raya madyopuro", "jl raya tlogowaru", "jl rajasa", "rajasa",
    "jl sawojajar", "jl raya buring", "jl raya ki ageng gribig", "jl danau toba", "jl danau ranau",
    "jl danau kerinci", "jl danau sentani", "jl danau maninjau",
    "jl danau bratan", "jl danau tondano", "jl danau limboto", "jl danau jempang", "jl danau poso",
    "jl tlogowaru", "jl wonokoyo", "tpa supit urang", "supit urang", "jl sungkono", "sungkono",
    "jl ki ageng", "jl raya lesanpuro", "jl cemorokandang", "jl raya kedungkandang", "klenteng eng an kiong",
    "jl laksamana martadinata", "jl martadinata", "jl re martadinata",
)
_add(
    "lowokwaru",
    "jl soekarno hatta", "soekarno hatta", "sukarno hatta", "suhat", "jl suhat", "jl sukarno hatta",
    "jembatan soekarno hatta", "jembatan suhat", "jl borobudur", "borobudur",
    "jl mt haryono", "mt haryono", "jl mt hariyono", "mt hariyono", "jl gajayana", "jl sumbersari",
    "jl bendungan sigura gura", "sigura gura", "jl bendungan sutami", "bendungan sutami", "jl watu gong",
    "watu gong", "jl kalpataru", "kalpataru", "jl candi panggung", "candi panggung", "jl raya tlogomas",
    "jl tlogomas", "jl joyo agung", "jl joyosuko", "joyosuko", "jl joyo raharjo", "jl simpang gajayana",
    "jl akordion", "jl kertosentono", "jl semarang", "jl surabaya",
    "ub", "universitas brawijaya", "kampus ub", "brawijaya", "univ brawijaya", "rs ub", "rsub",
    "rs universitas brawijaya", "um", "universitas negeri malang", "kampus um", "univ negeri malang",
    "umm", "universitas muhammadiyah malang", "universitas muhammadiyah", "kampus umm", "umm kampus 3",
    "uin", "uin malang", "uin maliki", "uin maulana malik ibrahim", "kampus uin", "unisma",
    "universitas islam malang", "rsi unisma", "rs unisma", "itn", "itn malang", "polinema",
    "politeknik negeri malang", "widyagama", "unitri", "universitas tribhuwana tunggadewi",
    "rs permata bunda", "permata bunda", "pasar dinoyo", "mall dinoyo", "dinoyo city",
    "mall dinoyo city", "pasar tawangmangu", "tawangmangu", "pasar merjosari", "taman singha merjosari",
    "taman krida budaya", "griya shanta", "griya santa", "permata jingga", "villa bukit tidar",
    "jembatan tunggulmas", "jl tunggulmas", "jl mertojoyo", "jl bunga", "jl ikan", "jl saxophone",
    "jl piranha", "jl kembang turi", "jl puncak borobudur", "jl candi", "jl tasikmadu", "jl raya tasikmadu",
    "jl ikan piranha",
    "jl pisang kipas", "pisang kipas", "jl kendalsari", "kendalsari", "jl cengkeh", "jl tawangmangu",
    "jl bunga kumis kucing", "jl sudimoro", "sudimoro", "jl vinolia", "jl candi mendut",
    "jl gajayana raya", "jl cengger ayam", "cengger ayam", "jl mt haryono dalam",
)
_add(
    "sukun",
    "pasar gadang", "pasar induk gadang", "terminal gadang", "terminal mulyorejo", "pasar sukun",
    "pasar mergan", "mergan", "jl mergan", "jl janti", "janti", "jl s supriadi", "s supriadi",
    "jl sudanco supriadi", "sudanco supriadi", "supriadi", "jl gadang", "jl raya gadang",
    "jl bandulan", "jl raya sukun", "jl terusan dieng", "terusan dieng", "malang city point",
    "city point", "unmer", "universitas merdeka", "univ merdeka", "unikama", "universitas kanjuruhan",
    "univ kanjuruhan", "stiki", "rst soepraoen", "rs soepraoen", "soepraoen", "rs tentara",
    "rumah sakit tentara", "stasiun kota lama", "stasiun kotalama", "stasiun malang kota lama",
    "stasiun malang kotalama", "jl raya tidar", "tidar", "jl tidar", "jl klayatan", "klayatan",
    "jl satsuit tubun", "jl satsui tubun", "jl raya kebonsari", "jl kemantren", "jl raya bandulan",
    "jl raya mulyorejo",
)
_add(
    "luar_kota",
    # Kabupaten Malang: 33 kecamatan
    "ampelgading", "bantur", "bululawang", "dampit", "dau", "donomulyo", "gedangan", "gondanglegi",
    "jabung", "kalipare", "karangploso", "karang ploso", "kasembon", "kepanjen", "kromengan", "lawang",
    "ngajum", "ngantang", "pagak", "pagelaran", "pakis", "pakisaji", "poncokusumo", "pujon", "singosari",
    "singasari", "sumbermanjing", "sumbermanjing wetan", "sumberpucung", "tajinan", "tirtoyudo",
    "tumpang", "turen", "wagir", "wajak", "wonosari",
    # Kota Batu: kecamatan and desa/kelurahan
    "kota batu", "batu", "junrejo", "bumiaji", "sisir", "ngaglik", "temas", "songgokerto",
    "oro oro ombo", "pesanggrahan", "sidomulyo", "sumberejo", "punten", "tulungrejo", "gunungsari",
    "bulukerto", "pandanrejo", "giripurno", "sumbergondo", "torongrejo", "beji", "mojorejo", "pendem",
    "dadaprejo", "tlekung", "alun alun batu", "alun alun kota batu", "alun alun kepanjen",
    "alun alun singosari", "selecta", "songgoriti", "jatim park", "jatimpark",
    "jatim park 1", "jatim park 2", "jatim park 3", "bns", "batu night spectacular", "museum angkut",
    "paralayang", "coban rondo", "coban talun", "cangar", "predator fun park", "eco green park",
    "kusuma agrowisata", "balai kota among tani", "lippo plaza batu", "pasar batu", "terminal batu",
    "jl raya batu", "rs baptis batu", "rs karsa husada", "payung", "jl payung", "batu kota",
    # Kabupaten Malang desa and landmarks near the city edge
    "sengkaling", "taman rekreasi sengkaling", "landungsari", "terminal landungsari", "tegalgondo",
    "tegalweru", "kalisongo", "mulyoagung", "sumbersekar", "karangwidoro", "gadingkulon", "petungsewu",
    "karanglo", "ardimulyo", "banjararum", "candirenggo", "pagentan", "dengkol", "watugede",
    "candi singosari", "ngijo", "girimoyo", "donowarih", "tawangargo", "asrikaton", "saptorenggo",
    "sekarpuro", "ampeldento", "bunut wetan", "pakiskembar", "mangliawan", "tirtomoyo", "banjarejo",
    "pucangsongo", "kendalpayak", "kebonagung", "wadung", "sutojayan", "karangpandan", "sitirejo",
    "sukodadi", "dalisodo", "jedong", "mendalanwangi", "gondowangi", "jeru", "gunungronggo",
    "tangkilsari", "kidal", "ngadas", "gubugklakah", "bromo", "gunung bromo", "gunung semeru",
    # mountains around the city, all outside Kota Malang
    "panderman", "gunung panderman", "gunung arjuno", "arjuno", "gunung kawi", "gunung butak", "welirang",
    "gunung arjuno", "gunung kawi", "kanjuruhan", "stadion kanjuruhan", "rsud kanjuruhan",
    "bandara", "bandara abdulrachman saleh", "abdulrachman saleh", "abdul rachman saleh",
    "bandara abd saleh", "lanud abd saleh", "pantai balekambang", "balekambang", "sendang biru",
    "pantai tiga warna", "goa cina", "pantai goa cina", "kebun teh wonosari", "pasar lawang",
    "pasar singosari", "pasar tumpang", "pasar kepanjen", "pasar turen", "pasar dampit",
    "kabupaten malang", "kab malang", "kota kepanjen", "machung", "ma chung", "universitas ma chung",
    "puncak tidar", "villa puncak tidar", "sawojajar 2", "sawojajar ii", "araya 2", "pendem batu",
    "itn 2", "itn kampus 2", "exit tol singosari", "exit tol karanglo", "exit tol pakis", "tol pakis",
    "purwosari", "bangil", "pandaan", "jl raya karanglo", "jl raya singosari", "jl raya lawang",
    "jl raya kepanjen", "jl raya tumpang", "jl raya pakis", "jl raya dau", "jl raya sengkaling",
    "jl raya tlogomas dau", "perum tegalgondo asri", "wendit", "pemandian wendit", "waduk selorejo",
    "selorejo", "waduk karangkates", "karangkates", "sumberpucung", "ngebruk", "jetis",
    # other cities (ambiguous: need a locative cue)
    "surabaya", "sidoarjo", "pasuruan", "probolinggo", "blitar", "kediri", "lumajang", "jember",
    "jakarta", "mojokerto", "tulungagung",
)

# Kecamatan names of Kota Malang used as place names.
KECAMATAN_NAMES: dict[str, str] = {
    "klojen": "klojen", "blimbing": "blimbing", "kedungkandang": "kedungkandang", "kedung kandang":
    "kedungkandang", "lowokwaru": "lowokwaru", "sukun": "sukun",
}

# City hull (lat, lon), clockwise; coarse.
CITY_HULL: tuple[tuple[float, float], ...] = (
    (-7.9030, 112.6250), (-7.9060, 112.6560), (-7.9230, 112.6680), (-7.9440, 112.6700),
    (-7.9580, 112.6880), (-7.9740, 112.7010), (-8.0000, 112.6990), (-8.0250, 112.6910),
    (-8.0500, 112.6690), (-8.0490, 112.6400), (-8.0410, 112.6090), (-8.0160, 112.5940),
    (-7.9950, 112.5840), (-7.9700, 112.5890), (-7.9460, 112.5890), (-7.9250, 112.5950),
    (-7.9150, 112.6060),
)

# fmt: on


def point_in_city(lat: float, lon: float) -> bool:
    """Return True if (lat, lon) lies inside the coarse Kota Malang hull."""
    inside = False
    pts = CITY_HULL
    j = len(pts) - 1
    for i in range(len(pts)):
        yi, xi = pts[i]
        yj, xj = pts[j]
        if (yi > lat) != (yj > lat):
            x_cross = xi + (lat - yi) * (xj - xi) / (yj - yi)
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance in kilometres (accurate enough at city scale)."""
    lat1, lon1 = a
    lat2, lon2 = b
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


# large campuses whose grounds lie nearer another kelurahan's centroid than their own:
# (kelurahan, kecamatan, (lat, lon) of the campus, radius in km)
CAMPUS_POINTS: tuple[tuple[str, str, tuple[float, float], float], ...] = (
    ("Sumbersari", "lowokwaru", (-7.9620, 112.6178), 0.35),  # Universitas Negeri Malang, Jl. Semarang
    ("Ketawanggede", "lowokwaru", (-7.9525, 112.6144), 0.45),  # Universitas Brawijaya, Jl. Veteran
)


def nearest_kelurahan(lat: float, lon: float) -> tuple[str, str, float]:
    """Return (kelurahan, kecamatan, distance_km): a campus point's kelurahan within its radius, else the
    kelurahan of the nearest centroid."""
    for name, kec, point, radius in CAMPUS_POINTS:
        d = distance_km((lat, lon), point)
        if d <= radius:
            return name, kec, d
    best = ("", "", float("inf"))
    for name, (kec, centroid, _aliases) in KELURAHAN.items():
        d = distance_km((lat, lon), centroid)
        if d < best[2]:
            best = (name, kec, d)
    return best
