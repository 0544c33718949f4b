"""Does a citizen's message after their ticket was resolved add to the report, or only close the conversation?

A resolved (`selesai`) ticket is reopened by a follow-up within the thread window that adds to the report
("pelakunya datang lagi", "motor saya belum ketemu", a photo, a location pin); a thank-you, a sign-off or an
answer to the rating request ("beri nilai 1-5") never reopens it. The rule, in order:

1. A photo, video, voice note, document or location adds to the report (new evidence); a sticker does not.
2. Text that says the matter goes on adds to it: a word like `belum`, `masih`, `lagi`, `tolong`, `kembali`,
   a negation (`tidak`, `gak`), a question word, or a word of danger or crime (`datang`, `ancam`, `hilang`).
3. Text made only of closing words (thanks, praise, agreement, greetings, forms of address, blessings,
   "sudah ketemu / sudah aman"), emoji and punctuation, and at most one rating (a digit 1-5, `lima`,
   `5/5`, `bintang 4`, stars) does not.
4. Anything else adds to it: when in doubt the ticket is reopened, because a reopened ticket an officer
   closes again costs a minute, and a report nobody reads can cost much more.

Pure: no clock, no storage. `rating_answer` reads the rating itself (the replier stores it on the ticket).
"""

from __future__ import annotations

import re
import unicodedata

#: Message kinds that carry new evidence on their own.
EVIDENCE_KINDS = frozenset({"image", "video", "audio", "document", "location", "contacts"})

_WORD = re.compile(r"[a-z0-9]+")
_RUNS = re.compile(r"(.)\1+")
_STARS = re.compile(r"[⭐★]")
_RATING_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5}
_RATING_CONTEXT = frozenset({"nilai", "nilainya", "rating", "skor", "score", "bintang", "dari", "poin"})


def _fold(word: str) -> str:
    """Repeated letters collapse (`makasiiih` -> `makasih`, `mantaaap` -> `mantap`): spelling in chats."""
    return _RUNS.sub(r"\1", word)


def _words(*groups: str) -> frozenset[str]:
    return frozenset(_fold(w) for group in groups for w in group.split())


# Thanks, praise, agreement, sign-offs, address, blessings, and "it is over" (in Indonesian, Javanese,
# chat spelling and English).
CLOSING = _words(
    "terima kasih terimakasih trimakasih makasih makasi kasih kasi mksh mks trims tks thx thanks thank you tq ty "
    "tengkyu banyak sekali bgt banget sangat sama sama2 atas",
    "matur nuwun suwun sembah sakalangkung",
    "mantap mantab mantul mantep keren hebat bagus top joss jos salut luar biasa good job nice great wow wah "
    "puas memuaskan cepat tanggap sigap respon responnya respons pelayanan pelayanannya pelayananya kerja "
    "kerjanya bantuan bantuannya dibantu membantu terbantu ditangani penanganan penanganannya prima presisi "
    "profesional",
    "ok oke okey okay okee sip siap baik baiklah iya ya yaa y yup nggih injih enggih inggih",
    "pak bapak bu ibu mas mbak mba kak kakak dik min admin om ndan komandan polisi pol polri polresta polsek "
    "bhayangkara aparat petugas semua kalian anda nya malang kota",
    "alhamdulillah amin aamiin semoga sukses selalu terus jaya sehat berkah barakallah tuhan allah swt "
    "memberkati jazakallah",
    "sudah udah sdh dah telah ketemu ditemukan aman beres selesai tuntas lega tenang saya kami kita aku "
    "dan yang juga sekarang nih deh",
    "salam hormat selamat pagi siang sore malam wassalam assalamualaikum waalaikumsalam",
    "beri memberi kasih nilai nilainya rating skor score bintang dari poin",
    "oh oo hehe wkwk haha",
)

# Words that mean the matter goes on, or is about a new danger: any one of them reopens.
CONTINUES = _words(
    "belum blm blom masih msh lagi lg kembali balik tolong tlg bantu bantuin segera darurat",
    "tidak tdk gak ga nggak ngga enggak gk engga bukan kurang tapi tetapi namun cuma hanya",
    "kenapa knp kapan gimana bagaimana bgmn dimana mana apakah kok",
    "datang dtg muncul ancam mengancam diancam pukul dipukul memukul hilang dicuri curi maling begal rampok "
    "kabur lari takut bahaya luka berdarah teror diteror ganggu mengganggu dikejar kejar",
)

# "sudah ketemu", "udah aman", "telah dikembalikan": the matter is over (checked before `CONTINUES`, which
# holds `kembali` and `balik` for "pelakunya kembali").
DONE_MARKS = _words("sudah udah sdh dah telah")
DONE_WORDS = _words(
    "ketemu ditemukan aman beres selesai tuntas kembali balik pulang dikembalikan diamankan ditangkap tertangkap "
    "diproses ditindak damai membaik baikan"
)
#: How many other words may tell what is over ("motor saya sudah ketemu"): a longer story adds to the report.
DONE_CONTEXT_WORDS = 3


def _plain(text: str) -> str:
    """Lower case, accents and emoji gone (emoji are symbols: they carry no report)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _ratings(words: list[str], raw: str) -> list[int]:
    found = [int(w) for w in words if w in {"1", "2", "3", "4", "5"}]
    found += [_RATING_WORDS[w] for w in words if w in _RATING_WORDS]
    stars = len(_STARS.findall(raw))
    if 1 <= stars <= 5:
        found.append(stars)
    return found


def rating_answer(text: str) -> int | None:
    """The 1-5 rating a short answer gives ("5", "nilai 4", "4/5", "⭐⭐⭐⭐⭐", "lima, makasih"), or None.

    Only a short answer made of one rating and closing words counts; "5 orang datang lagi" is no rating.
    """
    words = [_fold(w) for w in _WORD.findall(_plain(text))]
    ratings = _ratings(words, text)
    if "5" in words and "/" in text:  # "4/5": the 5 is the scale, not a second rating
        ratings.remove(5)
    if len(set(ratings)) != 1 or len(words) > 8:
        return None
    rest = [w for w in words if w not in {"1", "2", "3", "4", "5"} and w not in _RATING_WORDS]
    if any(w in CONTINUES or w not in CLOSING for w in rest):
        return None
    return ratings[0]


def adds_to_report(text: str, kind: str = "text", *, has_location: bool = False, has_media: bool = False) -> bool:
    """Does this message, sent after the ticket was resolved, add to the report (and so reopen it)?"""
    if has_location or has_media or kind in EVIDENCE_KINDS:
        return True
    words = [_fold(w) for w in _WORD.findall(_plain(text))]
    if not words:
        return False  # emoji, a sticker, punctuation: a reaction, not a report
    words, done = _without_done_phrases(words)
    if any(w in CONTINUES for w in words):
        return True
    if rating_answer(text) is not None:
        return False
    if any(w.isdigit() for w in words):
        return True  # a number that is not a rating: a plate, a time, a count of people
    rest = [w for w in words if w not in CLOSING]
    return len(rest) > DONE_CONTEXT_WORDS if done else bool(rest)


def _without_done_phrases(words: list[str]) -> tuple[list[str], bool]:
    """The words without their "sudah ketemu" phrases, and whether there was one."""
    kept: list[str] = []
    done = False
    i = 0
    while i < len(words):
        if words[i] in DONE_MARKS and i + 1 < len(words) and words[i + 1] in DONE_WORDS:
            done = True
            i += 2
            continue
        kept.append(words[i])
        i += 1
    return kept, done
