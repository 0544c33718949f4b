"""Domain vocabulary for triage: category cues with weights, and the cue sets that drive priority.

Single words are *roots*: the engine strips Indonesian/Javanese affixes (di-, ke-, ter-, me-/ng-, -an,
-kan, -nya ...) before looking them up, so "dicuri", "pencurian" and "kecurian" all reach "curi".
Entries with spaces are phrases, matched on consecutive normalised tokens (surface form or root form).
"""

from __future__ import annotations


def _words(spec: str) -> frozenset[str]:
    """Parse a comma-separated word list (``#`` starts a comment); cheaper to import than a set literal."""
    out: set[str] = set()
    for line in spec.splitlines():
        out.update(w for w in (x.strip() for x in line.split("#", 1)[0].split(",")) if w)
    return frozenset(out)


def _weights(spec: str) -> dict[str, float]:
    """Parse ``term: weight, term: weight`` (``#`` starts a comment) into a dict, keeping order."""
    out: dict[str, float] = {}
    for line in spec.splitlines():
        for item in line.split("#", 1)[0].split(","):
            if item.strip():
                term, weight = item.rsplit(":", 1)
                out[term.strip()] = float(weight)
    return out


CATEGORIES: tuple[str, ...] = (
    "kecelakaan",
    "lalu_lintas",
    "pencurian",
    "kekerasan",
    "kdrt_ppa",
    "narkoba",
    "penipuan",
    "gangguan_kamtibmas",
    "orang_hilang",
    "kebakaran_bencana",
    "layanan_polisi",
    "pengaduan_petugas",
    "lainnya",
)

PRIORITIES: tuple[str, ...] = ("rendah", "sedang", "tinggi", "darurat")

# fmt: off
# category -> term -> weight
CATEGORY_TERMS: dict[str, dict[str, float]] = {
    "kecelakaan": _weights("""
        kecelakaan: 3.5, tabrak: 3.0, tabrakan: 3.5, serempet: 2.5, senggol: 1.5,
        terguling: 3.0, guling: 2.0, terbalik: 2.0, nyungsep: 2.5, terperosok: 2.0,
        tergelincir: 2.0, terjatuh: 1.0, jatuh dari motor: 2.5, jatuh dari sepeda: 2.5,
        tabrak lari: 4.0, laka lantas: 4.0, kecelakaan lalu lintas: 4.0, adu banteng: 4.0,
        ngeblong: 0.5, beruntun: 1.5, tertabrak: 3.5, ditabrak lari: 4.0, kecelakaan tunggal: 4.0,
        masuk jurang: 2.5, masuk selokan: 2.0, masuk sungai: 1.0, rem blong: 2.0,
        tersambar kereta: 3.5, tertemper: 3.5, temper: 2.5, tabrak kereta: 4.0,
        keserempet: 2.5, crash: 2.0, bonyok: 1.0, ringsek: 2.5, penyok: 1.0,
        tabrak pembatas: 3.5, menabrak: 3.0, tabrak motor: 3.5, mobil terbalik: 3.5,
        truk terguling: 3.5, jatuh dari: 1.0, vs: 2.0, nabrak: 3.0,
        terlindas: 3.0, lindas: 3.0, kecelakaan ringan: 4.0,
    """),
    "lalu_lintas": _weights("""
        macet: 3.0, terjebak macet: 4.0, kemacetan: 3.0, macat: 2.5, padat merayap: 3.0,
        antrean panjang: 1.5,
        lampu merah: 2.0, lampu lalu lintas: 2.5, traffic light: 2.5, apill: 3.0, bangjo: 2.5,
        lampu merah mati: 3.5, rambu: 2.5, marka: 2.0, parkir liar: 2.5, parkir: 1.0,
        parkiran liar: 2.5, parkir sembarangan: 3.0,
        parkir di bahu: 3.0, parkir di trotoar: 3.0, trotoar: 1.5, ugal: 3.0, ugalan: 3.0,
        kebut: 2.5, ngebut: 2.5, zig zag: 2.5, lawan arus: 3.0, melawan arus: 3.0,
        contraflow: 1.5, salah arah: 2.0, overload: 3.0, odol: 3.0, muatan berlebih: 3.0,
        over dimensi: 3.0, truk: 0.8, lubang: 1.5, berlubang: 2.5, jalan rusak: 2.5,
        jl rusak: 2.5, jalan berlubang: 3.0, jl berlubang: 3.0, aspal: 1.5, ambles: 1.5,
        polisi tidur: 3.0, lalu lintas: 1.5, pengalihan arus: 2.5, penutupan jalan: 2.0,
        ditutup: 0.8, menutup lajur: 3.0, menutup jalan: 2.5, tutup jalan: 2.0,
        berhenti di tengah: 2.5, lajur: 1.5, muatan: 2.0, muat: 1.5, melebihi: 1.0, pikap: 0.8,
        pick up: 0.8, kendaraan: 0.5, penertiban: 1.0, bonceng 3: 2.5, helm: 1.0, melintang: 2.0,
        kontainer: 1.0, sopir: 0.5, jl amblas: 4.0, jl ambles: 4.0, jl licin: 3.0, semrawut: 2.5,
        ditertibkan: 0.5, terperosok: 1.5, tanpa helm: 2.5, tidak pakai helm: 2.5,
        bonceng tiga: 2.5, knalpot: 0.5,
        pengendara: 1.0, nyerobot: 2.0, terobos: 2.0, menerobos: 2.0, angkot ngetem: 3.0,
        ngetem: 2.5, angkot: 0.8, menghalangi jalan: 2.0, perlintasan: 1.5, palang pintu: 2.0,
        bahu jalan: 1.5, putar balik: 1.5, u turn: 1.5, jalur: 0.5,
        tidak ada lampu: 1.0, lampu jalan: 1.0, pju: 1.0, gelap: 0.5, pak ogah: 2.0,
        mobil mogok: 2.0, mogok: 1.0, tilang: 0.8, sim: 0.3, pelat: 1.0, plat nomor: 1.0,
        tidak ada plat: 2.0, balap: 0.5, car free day: 1.0, lalin: 2.5, arus lalu lintas: 3.0,
        genangan: 0.5, licin: 1.0, kerikil: 1.0, tumpahan: 1.5, oli: 1.5, ceceran: 1.5,
    """),
    "pencurian": _weights("""
        curi: 3.5, pencuri: 3.5, maling: 3.5, kemalingan: 4.0, curanmor: 4.5, curas: 4.5,
        curat: 4.5, jambret: 4.0, jambak: 0.5, copet: 4.0, begal: 4.0, rampok: 4.0,
        rampas: 3.5, bobol: 3.0, gasak: 3.5, garong: 3.5, embat: 2.5, gondol: 3.5,
        raib: 3.0, dibawa lari: 3.0, bawa kabur: 3.0, dibawa kabur: 3.0, digondol: 3.5,
        colong: 3.5, nyolong: 3.5, kecolongan: 3.0, jarah: 3.0, pembobolan: 3.5,
        ambil paksa: 3.5, diambil orang: 3.0, diambil: 0.8, hilang: 1.0, hilangnya: 1.0,
        kunci leter t: 4.0, leter t: 4.0, kunci t: 3.5, rusak kunci: 2.0, kunci rusak: 2.0,
        gembok dirusak: 3.0, jendela dicongkel: 3.5, congkel: 3.0, dicongkel: 3.5,
        pecah kaca: 3.5, gembos: 1.0, rumah kosong: 1.0, kotak amal: 2.0, jimpit: 1.0,
        pembegalan: 4.5, perampokan: 4.5, penjambretan: 4.5, pencopetan: 4.5,
        kehilangan motor: 3.0, motor hilang: 3.0, hp hilang: 2.0, kehilangan hp: 2.0,
        helm hilang: 3.0, sepeda hilang: 3.0, mobil hilang: 3.0, ayam hilang: 2.5,
        tidak ada di tempat: 1.5, sudah tidak ada: 1.5, cctv: 1.0, terekam cctv: 1.5,
        ganjal atm: 4.0, skimming: 3.0, pelaku: 0.5, tertangkap basah: 1.5,
        maling ayam: 4.0, mencoba masuk: 3.0, masuk rumah: 1.5, masuk ke rumah: 1.5,
        orang tidak dikenal: 1.0, otk: 1.0, ambil: 1.0, ngambil: 1.5, maling motor: 4.5,
        penadah: 3.0, barang curian: 4.0,
    """),
    "kekerasan": _weights("""
        pukul: 3.5, pukuli: 4.0, aniaya: 4.0, penganiayaan: 4.5, keroyok: 4.0,
        pengeroyokan: 4.5, hajar: 3.0, tawur: 4.0, tawuran: 4.5, carok: 4.5, bacok: 4.0,
        tusuk: 4.0, celurit: 4.0, clurit: 4.0, arit: 2.0, sajam: 4.0, senjata tajam: 4.5,
        parang: 3.0, golok: 3.0, pedang: 3.0, samurai: 3.0, pisau: 2.5, belati: 3.0,
        pistol: 3.0, senpi: 3.5, senjata api: 4.0, tembak: 2.5, ancam: 2.5, ancaman: 2.5,
        gelut: 3.5, berkelahi: 3.5, perkelahian: 4.0, duel: 3.0, jotos: 3.0, antem: 3.0,
        gebuk: 3.0, gepuk: 3.0, kepruk: 3.0, tempeleng: 3.0, tampar: 3.0, tabok: 2.5,
        kaplok: 2.5, tendang: 3.0, injak: 2.0, cekik: 3.5, bunuh: 3.0, pembunuhan: 4.5,
        sandera: 4.5, penyanderaan: 4.5, sekap: 4.0, penyekapan: 4.5, culik: 3.5,
        penculikan: 4.0, lempar batu: 3.0, lempar: 2.0, lempari: 2.5, lemparan: 1.5, sabet: 2.5,
        hakim sendiri: 4.0, main hakim sendiri: 4.5, amuk: 3.0, mengamuk: 3.0, ngamuk: 3.0,
        amuk massa: 4.0, persekusi: 4.0, bentrok: 3.5, bentrokan: 3.5, ribut: 1.0,
        keributan: 1.5, geng motor: 1.5, gangster: 2.5, kekerasan: 2.5, berdarah: 1.0,
        luka bacok: 4.5, luka tusuk: 4.5, ditodong: 2.5, todong: 2.5, intimidasi: 2.0,
        diserang: 3.0, serang: 2.5, penyerangan: 4.0, ngeroyok: 4.0, adu jotos: 4.0,
        baku hantam: 4.5, cekcok: 1.5, pertikaian: 3.0, bullying: 0.5, gorok: 3.5,
        pembacokan: 4.5, penusukan: 4.5, pelemparan: 3.0, bom: 2.0, molotov: 3.5,
        tembakan: 3.0, siksa: 4.0, penyiksaan: 4.5, dikurung: 3.0, dikunci: 1.5,
        dibawa paksa: 3.0, dijemput paksa: 3.0, paksa: 1.0, lemparan batu: 3.5, pentungan: 2.0,
        ketapel: 2.0, senjata: 2.0, berantem: 3.5, ribut besar: 2.0,
    """),
    "kdrt_ppa": _weights("""
        kdrt: 5.0, kekerasan dalam rumah tangga: 5.0, ppa: 4.0, pelecehan: 4.5, lecehkan: 4.5,
        pelecehan seksual: 5.0, cabul: 4.5, pencabulan: 5.0, perkosa: 5.0, pemerkosaan: 5.0,
        rudapaksa: 5.0, setubuhi: 5.0, persetubuhan: 5.0, sodomi: 5.0, pedofil: 5.0,
        asusila: 4.0, grepe: 4.5, raba: 3.0, colek: 2.5, intip: 3.0, ngintip: 3.0,
        pamer kelamin: 5.0, alat kelamin: 4.5, kelamin: 3.5, eksibisionis: 5.0,
        ekshibisionis: 5.0, onani: 4.5, masturbasi: 4.5, begal payudara: 6.0, payudara: 3.5,
        bokong: 2.5, mesum: 3.0, bully: 3.5, dibully: 4.0, perundungan: 4.5, rundung: 4.0,
        eksploitasi: 3.5, eksploitasi anak: 5.0, pekerja anak: 4.5, anak dipaksa: 4.0,
        dipaksa mengemis: 4.5, penelantaran: 4.0, terlantar: 2.0, telantar: 2.5,
        ditelantarkan: 4.0, kekerasan seksual: 5.0, kekerasan anak: 5.0, kekerasan pada anak: 5.0,
        kekerasan terhadap anak: 5.0, kekerasan terhadap perempuan: 5.0, kekerasan pada istri: 5.0,
        pernikahan dini: 3.5, nikah siri: 1.5, perdagangan orang: 4.0, tppo: 4.5,
        trafficking: 4.0, open bo: 2.0, video syur: 3.5, foto bugil: 4.0, bugil: 3.5,
        telanjang: 3.0, sextortion: 4.5, revenge porn: 4.5, sebar video: 2.0, hamili: 3.5,
        dihamili: 4.0, pacaran: 0.5, dipukul suami: 5.0, dipukul istri: 5.0, pukul istri: 5.0,
        pukul anak: 4.0, kekerasan dalam pacaran: 5.0, ayah tiri: 2.0, bapak tiri: 2.0,
        ibu tiri: 2.0, suami: 0.8, istri: 0.8, bojo: 0.8, mertua: 0.8,
        pelakor: 0.5, selingkuh: 0.5, perzinahan: 1.0, bapaknya sendiri: 3.0,
        tidak dikasih makan: 3.0, tidak diberi makan: 3.0,
        rok: 2.0, pesan porno: 4.5, porno: 3.5, pornografi: 4.5, foto pribadi: 3.0,
        video pribadi: 3.0,
        menyebarkan foto: 2.5, sebar foto: 2.5, grooming: 4.0, diajak ketemuan: 1.5, paha: 2.5,
        pegang pegang: 3.0, video anak: 3.0, konten anak: 3.0, menafkahi: 2.5, nafkah: 2.0,
        dipegang pegang: 3.5, diraba raba: 4.0, pepet: 1.0, dipepet: 1.5,
        disuruh ngamen: 4.0, disuruh mengemis: 4.5, disuruh minta minta: 4.5, dilecehkan: 4.5,
    """),
    "narkoba": _weights("""
        narkoba: 5.0, narkotika: 5.0, narkotik: 5.0, sabu: 5.0, shabu: 5.0, nyabu: 5.0,
        ganja: 5.0, gele: 3.0, cimeng: 4.5, nyimeng: 4.5, tembakau gorila: 5.0,
        tembakau sintetis: 5.0, pil koplo: 5.0, koplo: 3.5, pil: 1.5, dextro: 4.5,
        trihex: 5.0, tramadol: 4.5, hexymer: 5.0, yarindo: 4.5, double l: 4.5, pil ll: 5.0,
        obat keras: 4.5, obat terlarang: 5.0, psikotropika: 5.0, ekstasi: 5.0, inex: 4.5,
        putaw: 5.0, heroin: 5.0, kokain: 5.0, miras: 3.0, minuman keras: 3.0, oplosan: 4.5,
        miras oplosan: 5.0, arak: 3.0, ciu: 3.5, tuak: 3.0, cukrik: 4.5, ngelem: 4.5,
        lem aibon: 5.0, aibon: 4.0, mabuk lem: 4.5, pengedar: 4.5, bandar: 2.5, kurir: 1.0,
        transaksi: 1.0, nyabu bareng: 5.0, pesta sabu: 5.0, bong: 2.0,
        jual miras: 5.0, penjual miras: 5.0, warung miras: 5.0, toko miras: 5.0,
        jualan miras: 5.0, peredaran: 2.0, edar: 2.0, sakau: 4.5, overdosis: 3.0, fly: 1.0,
        teler: 2.0, nge fly: 3.0, obat daftar g: 5.0, pil putih: 3.5, pil kuning: 3.5,
        gorila: 2.5, sinte: 3.0, anggur merah: 2.5, bir: 1.0, ciblek: 1.0,
    """),
    "penipuan": _weights("""
        tipu: 4.0, penipu: 4.5, penipuan: 5.0, tertipu: 4.5, kena tipu: 4.5, scam: 4.5,
        scammer: 4.5, phising: 4.5, phishing: 4.5, otp: 4.0, kode otp: 4.5,
        kode verifikasi: 4.0, link: 1.5, apk: 3.0, file apk: 4.5, undangan apk: 4.5,
        investasi: 2.5, investasi bodong: 5.0, bodong: 3.0, arisan: 3.0, arisan online: 4.0,
        jual beli online: 2.5, olshop: 2.0, online shop: 2.0, belanja online: 2.0,
        barang tidak dikirim: 4.5, tidak dikirim: 3.0, tidak sampai: 1.0, sudah transfer: 2.5,
        transfer: 1.5, tf: 1.0, rekening: 2.0, nomor rekening: 2.0, pinjol: 4.5,
        pinjaman online: 4.5, pinjol ilegal: 5.0, debt collector: 3.0, dc: 1.0,
        penagih: 2.0, tagih: 1.5, sebar data: 3.5, data disebar: 3.5, teror: 1.5,
        mengatasnamakan: 4.0, catut: 3.5, mencatut: 3.5, mengaku: 1.5, ngaku: 1.5,
        gadungan: 4.0, palsu: 2.0, uang palsu: 4.5, hipnotis: 4.0, gendam: 4.5,
        bajak: 2.5, dibajak: 3.5, akun dibajak: 4.5, hack: 3.0, hacker: 3.0, diretas: 4.0,
        peretasan: 4.0, modus: 2.0, hadiah: 1.5, undian: 3.0, menang undian: 4.5,
        mama minta pulsa: 5.0, minta pulsa: 3.5, tugas like: 4.5, like dan subscribe: 4.0,
        lowongan kerja palsu: 5.0, loker palsu: 5.0, calo: 1.5, penggelapan: 4.0,
        gelapkan: 3.5, wanprestasi: 2.5, cek fiktif: 4.0, fiktif: 2.5, cod: 1.0,
        rekber: 2.5, kurir palsu: 4.5, kode: 0.5, m banking: 2.0, mbanking: 2.0,
        saldo terkuras: 4.5, saldo hilang: 4.0, terkuras: 3.0, kuras: 2.5, robot trading: 4.5,
        trading: 2.0, binary option: 4.5, money game: 4.5, ponzi: 4.5, skema: 1.0,
        uang muka: 1.5, dp: 1.0, ditagih: 2.0, kartu kredit: 1.5, pinjam nama: 2.0,
        penipuan online: 5.0, akun palsu: 4.0, nomor asing: 2.5, nomor tidak dikenal: 2.0,
        telepon dari: 1.0, mengaku dari bank: 5.0, mengaku polisi: 4.5, mengaku petugas: 4.5,
        kirim uang: 2.0, minta uang: 1.0, minta transfer: 3.0, pesugihan: 3.0, dukun: 1.0,
        penggandaan uang: 5.0, jastip: 1.5, tiket palsu: 4.5, voucher: 1.0, biaya admin: 2.5,
        rekening penampung: 5.0, marketplace: 1.5, shopee: 1.0, tokopedia: 1.0,
        facebook marketplace: 2.0, ditipu: 4.5, bansos: 1.5, cs bank: 3.5, pin: 1.5,
        scamming: 4.5, love scam: 5.0,
        travel umroh: 3.0, umroh: 2.0, tidak memberangkatkan: 4.0, disetor: 1.0, admin: 0.5,
        kebobolan: 2.0, bobol rekening: 4.5,
    """),
    "gangguan_kamtibmas": _weights("""
        mabuk: 3.0, mabuk mabukan: 4.0, mabukan: 3.5, balap liar: 5.0, balapan liar: 5.0,
        balap: 2.5, balapan: 3.0, trek: 2.0, trekan: 4.0, trek trekan: 5.0, bleyer: 3.5,
        knalpot brong: 5.0, brong: 4.0, knalpot bising: 5.0, knalpot racing: 4.5, bising: 2.5,
        berisik: 3.0, sound horeg: 5.0, horeg: 4.5, sound system: 3.0, musik keras: 3.5,
        dangdutan: 2.0, karaoke: 1.5, petasan: 4.5, mercon: 4.5, kembang api: 3.5,
        judi: 4.5, perjudian: 5.0, judol: 5.0, judi online: 5.0, slot: 2.0, togel: 5.0,
        sabung ayam: 5.0, keplek: 4.5, kartu remi: 2.0, dadu: 2.0, taruhan: 3.5,
        preman: 4.0, premanisme: 4.5, palak: 4.0, pemalakan: 4.5, pungli: 3.0,
        pungutan liar: 3.5, jukir liar: 4.5, juru parkir: 3.0, jukir: 3.0, juru parkir liar: 4.5,
        tukang parkir: 2.5,
        parkir: 0.5, tarif parkir: 3.0, ormas: 2.0, peras: 2.5, pemerasan: 3.0,
        mencurigakan: 3.5, orang asing: 2.0, mondar mandir: 3.0, mengintai: 2.5,
        gerak gerik: 3.0, odgj: 2.5, orang gila: 2.5, gelandangan: 2.5, pengemis: 2.0,
        pengamen: 2.0, anak punk: 3.0, punk: 2.0, nongkrong: 2.0, begadang: 1.0,
        kumpul kumpul: 1.5, ribut: 2.0, keributan: 2.0, gaduh: 2.5, kegaduhan: 3.0,
        onar: 3.5, bikin onar: 4.0, resah: 2.0, meresahkan: 2.5, prostitusi: 4.0,
        psk: 4.0, pelacuran: 4.0, kumpul kebo: 3.5, konvoi: 3.0, geng motor: 3.0,
        corat coret: 3.5, vandalisme: 4.0, vandal: 3.5, grafiti: 2.5, teriak teriak: 2.0,
        teriak: 1.0, miras: 1.0, minum: 0.8, minuman: 0.5, ngamen: 2.0, joget: 1.0,
        kebisingan: 3.5, tengah malam: 0.8, ganggu: 2.0, mengganggu: 2.0, gangguan: 2.0,
        kamtibmas: 2.0, tidak aman: 1.0, rawan: 1.5, sweeping: 2.5, bentrok ormas: 2.0,
        dipalak: 4.5, ngompas: 4.0, kompas: 2.0, senter: 0.5, kesurupan: 1.0, rumah judi: 5.0,
        ngelem: 0.5, main kartu: 2.5, tato: 0.5, layangan: 2.0, drone: 1.0, salah paham: 2.0,
        geber: 3.5,
        orang tidak dikenal: 1.5, sekelompok orang: 1.0, gedor: 2.0, maksa: 1.5, paksa: 0.5,
        gudang kosong: 1.0, muter muter: 1.5, curiga: 2.5, dicurigai: 2.0, tidak dikenal: 1.0,
    """),
    "orang_hilang": _weights("""
        orang hilang: 5.0, hilang kontak: 4.0, tidak pulang: 3.5, belum pulang: 3.5,
        tidak kunjung pulang: 4.0, belum kembali: 3.0, tidak kembali: 2.5, tidak ada kabar: 3.0,
        tidak bisa dihubungi: 3.0, susah dihubungi: 2.0, nomor tidak aktif: 2.0,
        hp tidak aktif: 2.5, minggat: 4.0, kabur dari rumah: 4.5, pergi dari rumah: 4.0,
        tersesat: 4.0, kesasar: 4.0, linglung: 4.0, pikun: 4.0, demensia: 4.5,
        alzheimer: 4.5, terpisah: 3.0, keluarganya: 0.5, mencari keluarga: 4.0,
        cari keluarga: 4.0, dicari keluarga: 4.0, keluarga mencari: 3.5, mohon bantu cari: 3.0,
        bantu cari: 3.0, bantu mencari: 3.0, dicari: 1.5, cari: 0.8, mencari: 0.8,
        anak hilang: 3.0, hilang anak: 3.0, anak saya hilang: 3.0, terakhir terlihat: 4.5,
        terakhir dilihat: 4.5, terakhir kali: 2.0, ciri ciri: 3.0, ciri: 1.5, memakai baju: 2.0,
        pakai baju: 1.5, berbaju: 2.0, kaos: 0.8, tinggi badan: 2.5, keluyuran: 2.0,
        jalan sendirian: 2.5, sendirian: 1.5, ditemukan: 1.0, menemukan: 1.0, nyasar: 4.0,
        tidak tahu jalan pulang: 4.5, tidak tahu rumahnya: 4.5, tidak ingat: 2.5,
        lupa jalan pulang: 4.5, lupa alamat: 4.0, hilang ingatan: 4.0, gangguan jiwa: 1.0,
        keluar rumah: 1.5, pamit: 1.0, belum ketemu: 2.5, tidak ketemu: 2.0, hanyut: 1.0,
        menangis sendirian: 3.5, nangis sendirian: 3.5, mencari orangtua: 4.5,
        cari orangtua: 4.5, mencari ibunya: 4.5, mencari mamanya: 4.5,
    """),
    "kebakaran_bencana": _weights("""
        kebakaran: 5.0, terbakar: 4.5, bakar: 2.5, api: 3.0, kobaran: 4.0, kobong: 4.5,
        asap: 2.5, asap tebal: 4.0, damkar: 4.0, pemadam: 4.0, padam: 1.0, hangus: 3.5,
        meledak: 3.5, ledakan: 3.5, banjir: 5.0, kebanjiran: 5.0, banjir bandang: 5.0,
        genangan: 2.0, tergenang: 3.0, meluap: 3.5, luapan: 3.5, air masuk rumah: 4.0,
        longsor: 5.0, tanah longsor: 5.0, tanah gerak: 4.5, ambles: 1.5, amblas: 2.5,
        pohon tumbang: 5.0, pohon roboh: 5.0, tumbang: 3.5, roboh: 3.0, pohon: 1.5,
        dahan patah: 4.0, ranting: 1.0, puting beliung: 5.0, angin kencang: 4.0,
        angin ribut: 4.0, gempa: 5.0, gas bocor: 5.0, bocor gas: 5.0, elpiji: 2.5, lpg: 2.5,
        tabung gas: 3.0, bau gas: 4.5, korsleting: 4.5, konslet: 4.5, korslet: 4.5,
        arus pendek: 4.5, kabel putus: 4.0, kabel listrik: 3.0, kabel menjuntai: 4.0,
        kabel: 1.0, tiang listrik: 2.0, tiang roboh: 4.0, listrik: 1.5, percikan: 2.5,
        percikan api: 4.5, setrum: 3.0, tersetrum: 4.0, kesetrum: 4.0, trafo: 3.0,
        gardu: 1.0, gardu listrik: 3.0, gardu pln: 3.0, bencana: 4.0, evakuasi: 1.0, dievakuasi: 1.0, rumah roboh: 4.5,
        atap roboh: 4.5, ambruk: 3.0, dinding roboh: 4.5, tembok roboh: 4.5, plengsengan: 3.5,
        sungai: 1.0, tenggelam: 2.5, hanyut: 3.0, terseret arus: 4.0, arus: 0.5,
        hujan deras: 2.0, hujan: 1.0, selokan meluap: 4.5, drainase: 2.0, got: 1.0,
        emo_api: 1.5, emo_damkar: 3.0, emo_banjir: 3.0, bara: 2.0, membara: 3.0,
        sampah dibakar: 3.0, bakar sampah: 3.0, lahan terbakar: 5.0, ilalang: 1.5,
        reklame roboh: 4.5, baliho roboh: 4.5, baliho: 1.0, papan reklame: 1.5,
        tanggul jebol: 5.0, jebol: 2.0, sumur: 0.5, gas: 1.0, kompor: 2.0,
        kebocoran gas: 5.0, hujan angin: 4.0, atap: 1.5, genteng: 1.5, setinggi pinggang: 3.0,
        setinggi dada: 3.0, setinggi lutut: 2.0, tertimbun: 3.0, miring: 1.0, keseret arus: 4.0,
        rumah terbakar: 5.0, warung terbakar: 5.0,
    """),
    "layanan_polisi": _weights("""
        sim: 3.0, skck: 5.0, stnk: 3.0, bpkb: 3.5, surat kehilangan: 5.0,
        surat keterangan hilang: 5.0, surat keterangan kehilangan: 5.0, surat keterangan: 2.5,
        laporan kehilangan: 4.0, izin keramaian: 5.0, ijin keramaian: 5.0, izin acara: 4.5,
        ijin acara: 4.5, surat izin: 3.0, surat ijin: 3.0, perpanjang: 3.0, perpanjangan: 3.5,
        mutasi: 2.5, balik nama: 3.5, cek fisik: 3.5, samsat: 3.5, satpas: 4.5,
        tilang: 2.0, etle: 3.5, tilang elektronik: 4.0, denda tilang: 3.5, denda: 1.5,
        nomor telepon: 2.0, call center: 3.0, nomor pengaduan: 2.5, hotline: 2.5, 110: 1.5,
        perkembangan laporan: 5.0, progres laporan: 5.0, sp2hp: 5.0, tindak lanjut laporan: 2.5,
        nomor laporan: 3.5, sudah sampai mana: 3.5, bagaimana kelanjutan: 3.0, kelanjutan: 1.5,
        syarat: 3.0, persyaratan: 3.5, cara membuat: 3.0, cara buat: 3.0, cara bikin: 3.0,
        cara mengurus: 3.5, cara urus: 3.5, cara lapor: 3.0, cara melapor: 3.0,
        jam buka: 4.0, jam operasional: 4.0, jam pelayanan: 4.0, buka jam: 3.0,
        biaya: 1.5, berapa biaya: 3.0, pembuatan: 1.5, bikin sim: 5.0, buat sim: 5.0,
        sim keliling: 5.0, ujian sim: 5.0, ujian praktik: 3.5, ktp hilang: 3.0, sim hilang: 3.5,
        stnk hilang: 3.5, kehilangan ktp: 3.5, kehilangan sim: 3.5, kehilangan stnk: 3.5,
        kehilangan dompet: 2.0, kehilangan kartu: 2.5, kehilangan ijazah: 3.5, ijazah: 2.0,
        atm hilang: 2.5, buku tabungan: 2.0, kartu keluarga: 2.0, pengawalan: 3.5, kawal: 2.0,
        visum: 1.0, legalisir: 4.0, rekomendasi: 2.0, polsek mana: 3.0, alamat polsek: 4.0,
        alamat polres: 4.0, pelayanan: 1.0, layanan: 1.5, pengajuan: 1.5, daftar online: 3.0,
        antrian: 1.5, antre: 1.0, mau tanya: 2.0, ingin bertanya: 2.0, numpang tanya: 2.5,
        tanya: 1.0, informasi: 1.0, mohon informasi: 2.0, lapor online: 2.0, dumas: 1.0,
        ganti rugi: 0.5, plat nomor: 1.0, tnkb: 3.0, pajak kendaraan: 3.5, uji klinik: 3.0,
        psikotes: 3.0, tes psikologi: 3.0, sim a: 4.0, sim c: 4.0, sim b: 3.5, sim d: 3.5,
        sim internasional: 4.5, surat pengantar: 2.5, polisi masuk sekolah: 2.0, penyuluhan: 3.0,
        sosialisasi: 2.5, izin: 2.0, ijin: 2.0, urus: 1.5, ngurus: 1.5,
        nomor: 1.0, kontak: 1.0, resmi: 1.0, apa benar: 1.0, blanko: 3.0, lapor kehilangan: 4.0,
        nomor damkar: 5.0, nomor ambulans: 5.0, nomor darurat: 5.0, nomor polsek: 5.0,
        nomor polres: 5.0,
        nomor wa: 3.0, rehabilitasi: 2.0, prosedur: 2.0, lapor diri: 2.0, patroli: 1.0,
        minta patroli: 2.5, mohon patroli: 2.5,
        barang bukti: 2.0, ambil barang bukti: 3.5, dikembalikan: 1.0,
    """),
    "pengaduan_petugas": _weights("""
        oknum: 3.0, oknum polisi: 5.0, oknum petugas: 4.5, oknum anggota: 4.5,
        pungli: 1.5, pungutan liar: 1.5, uang damai: 4.0, damai di tempat: 4.5, suap: 3.0,
        sogok: 3.0, salam tempel: 3.5, tidak ditanggapi: 3.5, tidak direspon: 3.5,
        tidak direspons: 3.5, tidak ditindaklanjuti: 4.0, tidak diproses: 4.0,
        tidak ada tindak lanjut: 4.0, tidak ada perkembangan: 3.5, diabaikan: 3.5,
        dicuekin: 3.5, dicuekkan: 3.5, dipersulit: 4.0, dilempar lempar: 3.5, diping pong: 4.0,
        ditolak: 2.0, menolak laporan: 4.5, laporan ditolak: 4.5, tidak mau menerima: 3.5,
        disuruh pulang: 2.5, arogan: 3.5, kasar: 2.5, membentak: 3.0, dibentak: 3.5,
        bentak: 3.0, tidak sopan: 3.0, kurang ajar: 2.0, tidak profesional: 4.0,
        pelayanan buruk: 4.0, pelayanan jelek: 4.0, pelayanan lambat: 3.5, lambat: 1.0,
        salah tangkap: 4.5, rekayasa: 3.0, kriminalisasi: 4.0, propam: 4.5, provos: 3.5,
        kode etik: 4.0, penyalahgunaan wewenang: 4.5, sewenang: 3.5, main hp: 1.0,
        tidur: 0.5, lama sekali: 1.0, berbulan bulan: 1.5, tidak jelas: 1.0, 86: 2.0,
        minta uang: 1.5, minta duit: 1.5, minta rokok: 2.5, uang rokok: 3.0, uang bensin: 2.5,
        setoran: 2.0, tebusan: 2.0, dimintai uang: 2.0, diperas: 1.0, pemerasan: 0.5,
        mempersulit: 4.0, menelantarkan laporan: 4.5, laporan saya: 1.0, laporan kami: 1.0,
        tidak ada kabar: 0.5, kinerja: 2.0, mengecewakan: 2.0, kecewa: 1.5, tidak adil: 2.0,
        berpihak: 2.5, pilih kasih: 3.0, mabuk saat tugas: 5.0, seragam: 1.0, berseragam: 2.0,
        tilang tanpa: 2.0, tanpa surat tilang: 4.0, tanpa surat: 1.5,
        beking: 4.0, bekingi: 4.5, membekingi: 4.5, backing: 3.5, berpakaian preman: 2.0,
        geledah: 1.5, tidak diangkat: 4.0, tidak usah sidang: 3.5, tidak dikasih surat tilang: 4.0,
        tidak mau mencatat: 4.5, menyarankan berdamai: 3.5, disuruh damai: 3.0, ketawa: 1.5,
        menertawakan: 3.0, tidak ada empati: 4.0, empati: 2.0, menyalahkan: 2.0, salah sendiri: 2.5,
        bayar di sini: 3.0, judes: 3.0, ketus: 3.0, dimarahi: 1.5, dituduh: 2.0, menuduh: 2.0,
        meminta biaya: 3.0, biaya administrasi: 2.5, pelicin: 3.5, imbalan: 2.5,
    """),
    "lainnya": _weights("""
        terima kasih: 1.0, selamat pagi: 0.5, selamat siang: 0.5, selamat malam: 0.5,
        halo: 0.5, hai: 0.5, assalamualaikum: 0.5, tes: 0.8, test: 0.8, promo: 2.0,
        diskon: 2.0, jual: 0.5, follow: 1.5, giveaway: 1.5, sukses: 1.0, mantap: 1.0,
        semangat: 1.0, apresiasi: 1.0, keren: 1.0, salut: 1.0, hebat: 0.8,
        sehat: 1.0, humble: 1.5, pdam: 3.0, sampah: 2.5, anjing: 1.0, gonggong: 2.0,
        kucing: 1.5,
        tetangga: 0.3, kotoran: 1.5, lalat: 1.5, lowongan: 1.5, ternyata: 1.0,
        maaf merepotkan: 2.0,
        penerangan jalan: 2.0, ini nomor: 3.0, nomor ini: 3.0, akun resmi: 3.0, akun ini: 2.0,
        salah kirim: 4.0, bhayangkara: 3.0, dirgahayu: 3.0, jasa: 1.5, klik link: 2.0,
        cepat cair: 3.0,
        tanpa jaminan: 2.0, bergaransi: 3.0, ganteng: 2.0, cantik: 1.5, wkwk: 1.0, wkwkwk: 1.0,
        emo_suka: 1.0, dinas terkait: 2.0, luar biasa: 1.0, pelayanan luar biasa: 2.0,
    """),
}

# ---- domain vocabulary, category by category ----
# Written from how Malang residents describe each kind of event (Indonesian formal and chat, Javanese
# ngoko/krama, walikan), not from the labelled sentences.  Roots cover affixed forms (see module doc).
_DOMAIN_TERMS: dict[str, dict[str, float]] = {
    "kecelakaan": _weights("""
        # collisions: seruduk/tubruk/senggol, door-opening (dooring), hit by a train
        seruduk: 3.0, senggol: 2.0, tersenggol: 2.5, bersenggolan: 3.0, senggolan: 2.5,
        dooring: 3.5, pintu mobil: 1.5, disambar kereta: 4.0, ditabrak kereta: 4.0,
        tabrakan beruntun: 5.5, tergilas: 3.0, gilas: 2.0,
        # loss of control and falls: jungkal, pental, oleng, slip, nyungsep, tercebur
        terjungkal: 2.5, jungkal: 2.0, terpental: 2.5, terpelanting: 2.5, terlempar: 1.5,
        oleng: 1.5, slip: 1.5, selip: 1.5, hantam: 1.5, menghantam: 2.0, tercebur: 1.5,
        masuk kolong: 3.0, kolong truk: 3.0, masuk parit: 2.0, masuk got: 2.0, masuk sawah: 2.0,
        masuk jurang: 3.0, rem mendadak: 2.0, ngerem mendadak: 2.5, pengendara terjatuh: 3.0,
        pemotor: 1.0, pesepeda: 0.8, korban kecelakaan: 4.5,
    """),
    "lalu_lintas": _weights("""
        # dangerous driving
        salip: 2.0, menyalip: 2.5, nyalip: 2.5, ngeblong: 2.5, terobos lampu merah: 3.5,
        klakson: 1.5, kernet: 1.0, bak terbuka: 2.0, angkut penumpang: 1.5, melanggar: 1.5,
        pelanggaran: 1.5, tanpa lampu: 2.0, lampu sein: 2.0, bahu jalan: 2.0,
        # blockages and jams
        macet total: 3.5, tersendat: 2.5, merayap: 2.0, padat: 1.5, jalan tertutup: 3.0,
        tertutup total: 3.0, tertutup: 1.0, nutup jalan: 2.5, badan jalan: 2.0, trailer: 1.5,
        tikungan: 1.0, tersangkut: 0.5, nyangkut: 0.5, parkir berlapis: 3.5,
        parkir dobel: 3.5, berhenti sembarangan: 3.0, pasar tumpah: 3.0, pkl: 1.0,
        rekayasa lalu lintas: 4.0, rekayasa arus: 4.0, penyeberangan: 1.5, zebra cross: 2.5,
        # road condition and works
        jeglongan: 2.5, jalan bolong: 3.0, bolong: 1.0, retak: 1.0, jalan retak: 2.5,
        galian: 2.0, galian pipa: 3.0, galian kabel: 3.0, proyek galian: 3.0,
    """),
    "pencurian": _weights("""
        ngutil: 3.5, tilap: 3.0, sikat: 1.0, lenyap: 2.0, ludes: 1.0, tas ditarik: 3.0,
        ditarik tasnya: 3.0, tasnya ditarik: 3.0, menarik tas: 3.0, barang hilang: 2.0,
        pintu dijebol: 3.0, dijebol maling: 4.0, tertangkap: 0.5, ketangkap: 0.5,
        maling tertangkap: 4.5, pelaku pencurian: 4.5, preteli: 3.0, pretel: 3.0,
        dipreteli: 3.5,
    """),
    "kekerasan": _weights("""
        bogem: 3.0, tonjok: 3.0, sikut: 1.5, jambak: 2.5, cakar: 1.5, banting: 2.0,
        tikam: 4.0, sayat: 3.0, sundut: 2.5, air keras: 4.0, siram air keras: 5.0,
        kapak: 3.0, keris: 3.0, tombak: 3.0, panah: 2.5, senapan: 3.5, airsoft gun: 3.0,
        cutter: 2.0, silet: 2.0, sabit: 1.5, rusuh: 2.0, kerusuhan: 3.0, ricuh: 2.5,
        kericuhan: 3.0, doxing: 2.5, saling serang: 4.0, main pukul: 3.0, dorong dorongan: 3.0, saling dorong: 3.0,
        adu mulut: 2.0, lerai: 2.0, mukul: 3.5, diseret: 2.5,
        ditarik paksa: 2.5, dipaksa masuk: 2.5,
    """),
    "kdrt_ppa": _weights("""
        # sexual abuse described indirectly
        buang bayi: 5.0, bayi dibuang: 5.0, membuang bayi: 5.0, temuan bayi: 4.0, bayi ditemukan: 3.0,
        bagian pribadi: 4.5, area pribadi: 4.5, bagian intim: 4.5, organ intim: 4.5,
        kemaluan: 4.5, alat vital: 4.5, sentuh: 1.0, dipeluk paksa: 4.0, dicium paksa: 4.5,
        minta foto: 2.0, foto aneh: 3.5, foto vulgar: 4.5, foto tidak senonoh: 4.5,
        tidak senonoh: 3.5, vcs: 4.0, video call sex: 4.5, video mesum: 4.0, chat mesum: 4.0,
        catcalling: 3.5, leceh: 4.5, gesek: 1.0,
        # child labour and exploitation, child marriage
        dipekerjakan: 3.0, mempekerjakan: 3.0, pekerjakan: 3.0, buruh anak: 4.5,
        kerja paksa: 3.0, dipaksa kerja: 3.5, disuruh kerja: 2.0, disuruh jualan: 2.5,
        nikah dini: 3.5, kawin paksa: 4.0, dijodohkan paksa: 3.5,
    """),
    "narkoba": _weights("""
        serbuk putih: 4.0, bubuk putih: 4.0, kristal putih: 4.0, plastik klip: 3.0, klip: 1.0,
        giting: 4.0, ngobat: 4.0, mabuk obat: 3.5, mabuk pil: 4.0, jual pil: 3.0,
        liquid ganja: 5.0, cangklong: 2.0, jarum suntik: 3.0, dumolid: 4.5, riklona: 4.5,
        alprazolam: 4.5, xanax: 4.5, obat penenang: 3.0, golongan g: 4.5, daftar g: 4.5,
        tanpa resep: 2.5, komix: 3.0,
    """),
    "penipuan": _weights("""
        gadai: 2.5, gadaian: 4.0,
        # borrowed then sold or pawned (penggelapan)
        dipinjam tidak dikembalikan: 4.0, pinjam tidak dikembalikan: 4.0, dipinjam lalu dijual: 4.5,
        digelapkan: 4.0, test drive: 3.0, pura pura: 2.0, pura pura beli: 3.5,
        hoax: 1.5, hoaks: 1.5, deposit: 2.0, komisi: 1.5,
        kerja online: 2.0, part time: 1.5, paket wisata: 1.0, travel: 1.0,
        uang tidak kembali: 3.0, doxing: 1.0, uang tidak dikembalikan: 3.5, tidak dikembalikan: 2.0,
        barang tidak sesuai: 3.0, barang tidak datang: 3.5, link aneh: 3.0, cek kosong: 4.0,
        giro kosong: 4.0, gandakan: 3.0, menggandakan: 3.0, pencucian uang: 1.5,
        terlibat kasus: 1.5, data rekening: 2.5, minta data: 2.0, kirim data: 1.5,
        verifikasi: 1.0, rugi: 1.0, kerugian: 1.0, apus: 3.0,
    """),
    "gangguan_kamtibmas": _weights("""
        # noise from cafés, parties and sound systems
        musik: 1.5, suara keras: 3.0, suara musik: 2.5, volume: 1.0, dentuman: 2.5,
        jedag jedug: 4.0, jedug: 2.0, sound: 1.5, speaker: 1.5, kafe: 0.5, cafe: 0.5,
        tempat hiburan: 2.0, hiburan malam: 2.5, live music: 2.0, organ tunggal: 2.0,
        orkes: 1.5, tidak bisa tidur: 2.0, tidak bisa istirahat: 2.0, sampai subuh: 1.0,
        sampai pagi: 1.0, hingga pagi: 1.0, balon udara: 4.0,
        # suspicious people: following, watching, loitering
        membuntuti: 3.0, buntuti: 3.0, menguntit: 3.0, kuntit: 3.0, stalker: 3.0,
        mengawasi: 1.5, mengamati: 1.0, berkeliaran: 2.5, keliaran: 2.5, muter: 1.0,
        asing: 1.0,
        # extortion, street blocking, illegal parking threats
        hadang: 2.5, menghadang: 2.5, cegat: 2.0, kempes: 1.0, dikempesi: 1.5,
        mata elang: 3.5, gepeng: 2.0, adu ayam: 4.5, capjikia: 4.5, kupon: 1.0,
        # drinking parties disturb the peace; selling or brewing alcohol is narkoba
        pesta miras: 4.0, pesta minuman keras: 4.5, minum minum: 2.5, minum miras: 3.0, mendem: 3.0,
        # raids and vandalism by groups
        grebek: 2.0, obrak abrik: 3.0, diobrak abrik: 3.0, perusakan: 3.0, merusak: 1.5,
        remi: 3.0, main remi: 4.0, gaple: 3.0,
        domino: 2.5, qiu qiu: 4.0, mengawasi rumah: 3.5, mengintai rumah: 3.5, ngawasi: 1.5,
    """),
    "orang_hilang": _weights("""
        bingung: 1.0, tidak tahu pulang: 4.5, tidak bisa pulang: 3.0, tidak ingat rumah: 4.5,
        tidak ingat alamat: 4.5, lepas dari pengawasan: 3.0, lost contact: 4.0,
        terakhir pamit: 3.0, tidak pamit: 2.5, tanpa pamit: 2.5, belum sampai: 1.5, tidak sampai rumah: 3.0,
        tidak sampai sekolah: 3.0, mencari anak: 3.0, cari anak: 3.0, tersesat: 4.0,
        pendaki hilang: 5.0,
    """),
    "kebakaran_bencana": _weights("""
        asap hitam: 4.0, asap pekat: 4.0, kepulan asap: 4.0, bau hangus: 3.5, bau sangit: 2.5,
        gosong: 2.0, konsleting: 4.5, tabung gas bocor: 5.0, gas elpiji bocor: 5.0,
        kompor meledak: 5.0, lesus: 4.5, tanah ambles: 4.5, tanah amblas: 4.5,
        tanah bergerak: 4.5, tanah retak: 3.5, cabang patah: 3.5, kabel menggantung: 3.5,
        kabel kusut: 2.0, air naik: 2.5, air bah: 5.0, tanggul: 2.0, ungsi: 2.5,
        terkubur: 2.0, material longsor: 5.0, tebing: 2.0, tebing runtuh: 4.5, runtuh: 3.0,
        ambrol: 3.0, hujan es: 3.0, petir: 3.0, tersambar petir: 5.0, disambar petir: 5.0,
        tiang miring: 2.5, kabel listrik putus: 5.0, kabel listrik jatuh: 4.5,
        kabel listrik menjuntai: 4.5, karhutla: 5.0, banjir lumpur: 5.0, lumpur: 1.5, erupsi: 5.0,
        abu vulkanik: 5.0, hujan abu: 4.5, kebawa arus: 3.0, terbawa arus: 3.5,
        # a tree or a roof on its own is not an event
        pohon: 1.0, atap: 1.0, genteng: 1.0,
    """),
    "layanan_polisi": _weights("""
        sidang tilang: 3.5, bayar tilang: 3.5, sim mati: 3.5, masa berlaku: 3.0,
        blokir stnk: 3.0, cabut berkas: 3.5, ganti plat: 3.0, surat jalan: 2.0,
        laporan online: 2.5, sampai mana: 3.0,
    """),
    "pengaduan_petugas": _weights("""
        # indirect bribe demands
        beli bensin: 2.5, bawa rokok: 3.0, rokok: 1.0, uang kopi: 3.0, uang jalan: 2.5,
        uang lelah: 2.5, biar diproses: 2.5, agar diproses: 2.5, supaya diproses: 2.5,
        tidak ada surat tilang: 4.0, jalur belakang: 2.5, nembak sim: 3.0, sim ditahan: 3.0,
        stnk ditahan: 3.0, menahan sim: 3.0,
        # neglect and refusal
        tidak pernah datang: 3.0, tidak pernah hadir: 3.0, tidak pernah turun: 2.5,
        tidak pernah patroli: 3.0, tidak ada anggota: 3.0, suruh datang besok: 3.0, disuruh datang besok: 3.0,
        datang besok: 1.5, disuruh kembali: 2.0, disuruh menunggu: 2.0, tidak mau tahu: 2.5,
        tidak peduli: 2.5, tidak digubris: 3.5, tidak dihiraukan: 3.5, tidak dilayani: 3.5,
        tidak diladeni: 3.0, berbelit: 3.0, dioper: 2.5,
        # intimidation and improper conduct
        tidak pantas: 3.0, tidak nyaman: 1.5, pidanakan: 3.0, mempidanakan: 3.0,
        dipidanakan: 3.0, sok kuasa: 3.0, polisi nakal: 4.0, petugas mabuk: 4.0,
        polisi mabuk: 4.0, anggota mabuk: 4.0, oknum mabuk: 4.5, menggoda: 1.5, genit: 1.5,
    """),
    "lainnya": _weights("""
        # condolences, thanks, spam, chit-chat, civil disputes between neighbours
        mendoakan: 2.0, turut berduka: 3.0, berduka: 2.5, husnul khotimah: 3.0,
        innalillahi: 2.5, almarhum: 1.0, semoga: 0.5, harga nego: 3.0, nego: 2.0,
        harga: 1.0, ready stock: 3.0, open order: 3.0, dijual: 1.0, minat: 1.0,
        batu akik: 3.0, akik: 2.5, ngopi: 0.5, enak: 0.5, lomba: 1.5, konten: 1.0,
        piket: 1.0, lagu: 1.5, menjorok: 2.0, talang: 1.5, sengketa: 2.0, batas tanah: 2.5,
        tanah warisan: 2.5, dinas mana: 2.5, dinas: 1.0, pemkot: 1.5, tetangga: 0.8,
        sangat membantu: 2.0, cepat tanggap: 2.0, sigap: 1.5,
    """),
}
for _c, _d in _DOMAIN_TERMS.items():
    CATEGORY_TERMS[_c].update(_d)

# ---- cue sets for priority and tie-breaks (roots or phrases) ----
TIME_PAST: frozenset[str] = _words("""
    kemarin, semalam, tadi malam, kemarin malam, kemarin sore, kemarin pagi, minggu lalu,
    bulan lalu, tahun lalu, hari lalu, baru tahu, ketahuan, baru sadar, waktu mudik,
    saat mudik, pas mudik,
    pas pulang, beberapa hari, seminggu, sebulan, setahun,
    dua hari, tiga hari, malam tadi, lusa, sejak, tanggal, minggu kemarin, bulan kemarin,
    mau malam, mau bengi, semingguan, berhari hari, berminggu minggu, berbulan bulan,
    pekan lalu, kemarin lusa, wingi malam, tempo hari, waktu itu, dulu, pernah,
    jumat lalu, sabtu lalu, minggu malam, kemarin siang, hari yang lalu, hari yg lalu,
""")
TIME_FRESH: frozenset[str] = _words("""
    barusan, baru saja, baru aja, tadi, baru terjadi, menit, menit lalu, menit yang lalu,
    jam yang lalu, jam lalu, sejam, setengah jam, beberapa menit, tadi siang, tadi sore,
    tadi pagi, mau_ae, saat ini juga, just now, hari ini, pagi ini, siang ini,
    sore ini,
""")
TIME_ONGOING: frozenset[str] = _words("""
    sedang, lagi, masih, sekarang, saat ini, berlangsung, sedang terjadi, live,
    on the spot, masih di lokasi, masih di tkp, masih ada, belum padam, makin besar,
    semakin besar, merembet, menjalar, masih berlangsung, sedang berlangsung, detik ini,
    posisi, lokasi sekarang, tkp, di depan saya, di depan rumah saya, sekarang juga,
    mengejar, dikejar, dikepung, terjebak, masih mengamuk, belum surut, terus naik,
    malam ini, dari tadi, masih nekat, masih di dalam, masih menyala,
""")
RECURRING: frozenset[str] = _words("""
    setiap, tiap, sering, seringkali, selalu, berulang, berkali kali, tiap malam,
    setiap malam, tiap hari, setiap hari, setiap minggu, tiap minggu, terus menerus,
    sudah lama, sejak lama, akhir akhir ini, belakangan ini, belakangan, langganan,
    kerap, rutin, bertahun tahun, terus terusan, mesti, saban, saben, ben dino, ben malam,
    sampai sekarang,
    sampai saat ini, hingga sekarang, hingga saat ini, sampai hari ini,
""")
URGENT: frozenset[str] = _words("""
    tolong, darurat, segera, cepat, cepetan, urgent, sos, emo_sos, emo_sirene,
    bahaya, gawat, mohon segera, butuh bantuan, minta tolong, help me, emergency,
    emo_takut, secepatnya, buruan, mohon bantuan segera, emo_bahaya, tolong tolong,
""")
INJURY: frozenset[str] = _words("""
    luka, terluka, berdarah, darah, pingsan, tidak sadarkan diri, tidak sadar,
    meninggal, tewas, meninggal dunia, korban jiwa, kritis, sekarat, patah, patah tulang,
    gegar otak, tergeletak, terkapar, kejang, sesak napas, sesak nafas, tertimpa,
    terjepit, terseret, tenggelam, hanyut, terjebak, terperangkap, ambulans, ambulance,
    emo_ambulans, emo_darah, emo_mati, rumah sakit, ugd, igd, dilarikan, luka parah,
    luka berat, luka bacok, luka tusuk, mati di tempat, meninggal di tempat, korban,
    bersimbah darah, bonyok, lebam, memar, bengkak, babak belur, cedera, overdosis,
    nyawa, mati, jenazah, mayat, terbakar hidup, tidak bernafas,
    tidak bernapas, koma, luka luka, mengerang, belum bangun, tidak bangun, terlindas,
    tertimbun, keseret arus, terseret arus,
""")
INJURY_MINOR: frozenset[str] = _words("""
    lecet, luka ringan, lecet lecet, cuma lecet, hanya lecet, luka sedikit, baret,
    memar sedikit, tergores,
""")
REASSURE: frozenset[str] = _words("""
    sudah aman, sudah padam, sudah dipadamkan, berhasil dipadamkan, api padam, sudah ditangani,
    sudah diamankan, sudah ditangkap, sudah surut, sudah ketemu, sudah ditemukan, sudah pulang,
    sudah dievakuasi, sudah dibersihkan, tertangani, sudah dijemput, kondusif, terkendali,
    sudah kembali,
    sudah tertangani, sudah selesai, sudah reda, sudah dibawa, aman terkendali, sudah baik,
    sudah membaik, sudah normal, sudah lancar, sudah diperbaiki, selamat,
    semua selamat, kondisi aman, sekarang aman, situasi aman, sudah diurus, berhasil ditemukan,
    sudah dipotong,
    sudah disingkirkan, sudah dipinggirkan, sudah di rumah, dibawa ke klinik, dibawa ke rs,
    dibawa ke rumah sakit, dibawa ke puskesmas, sudah diobati,
""")
NEGATORS: frozenset[str] = _words("tidak, bukan, belum, tanpa, nihil, jangan, tak")
NEG_FILLERS: frozenset[str] = _words("""
    ada, yang, orang, sampai, begitu, terlalu, parah, mengalami, menimbulkan,
    ditemukan, terdapat, jadi, kok, sih, kena, apa, apa apa, ikut, sama, sekali,
""")
HEDGES: frozenset[str] = _words("hanya, cuma, cuman, sekadar, sekedar")
WEAPON: frozenset[str] = _words("""
    celurit, clurit, arit, sajam, senjata tajam, parang, golok, pedang, samurai,
    pisau, belati, pistol, senpi, senjata api, emo_pisau, emo_pistol, bacok, tusuk,
    tembak, molotov, bom, senjata, gir, stik golf, pentungan, balok, linggis,
    obeng, kayu, batu, pembacokan, penusukan,
""")
VULNERABLE: frozenset[str] = _words("""
    anak, anak kecil, balita, bayi, bocah, batita, lansia, lanjut usia, nenek, kakek,
    pikun, demensia, alzheimer, odgj, disabilitas, sakit, stroke, struk, hutan,
    gunung, depresi, bunuh diri, arek cilik, arek kecil, difabel, tunawicara, tunarungu,
    tunanetra, autis, autisme, berkebutuhan khusus, keterbelakangan, hamil, sd, tk,
    paud, lupa ingatan, linglung, gangguan jiwa, down syndrome, kecil, cucu, siswa,
    siswi, pelajar, santri, murid, anaknya, sepuh, tua, jompo,
""")
CHILD: frozenset[str] = _words("""
    anak, anak kecil, balita, bayi, bocah, batita, siswa, siswi, murid, pelajar,
    santri, sd, smp, tk, paud, anaknya, anak perempuan, anak tiri, anak saya, bocil,
    dibawah umur, di bawah umur, arek cilik, arek kecil, siswi smp, siswi sma,
""")
FAMILY: frozenset[str] = _words("""
    suami, istri, bojo, mertua, tiri, ipar, pacar, mantan istri, mantan suami,
    mantan pacar, rumah tangga, ayahnya, bapaknya, ibunya, dari dalam rumah, di dalam rumah,
    ayahnya sendiri,
    orangtuanya, kakaknya, pamannya, majikan, ayah tiri, kakaknya sendiri,
    bapak tiri, ibu tiri, suaminya, istrinya, keluarga sendiri,
""")
GROUP_FIGHT: frozenset[str] = _words("""
    tawur, tawuran, geng, geng motor, gangster, perguruan, pesilat, suporter, konvoi,
    antar kampung, antar sekolah, antar pelajar, antarpelajar, bentrok, massa, gerombolan,
    rombongan, punk, anak punk, sekelompok, kelompok, perang sarung, remaja,
""")
SEXUAL: frozenset[str] = _words("""
    pelecehan, cabul, perkosa, rudapaksa, setubuhi, sodomi, grepe, raba, kelamin,
    payudara, bokong, mesum, asusila, onani, bugil, telanjang, intip, colek,
""")
OFFICER: frozenset[str] = _words("""
    polisi, polantas, oknum, aparat, kepolisian, polres, polresta, polsek, satlantas,
    reskrim, bhabinkamtibmas, babinkamtibmas, bhabin, babin, brimob, provos, penyidik,
    briptu, bripka, brigadir, aiptu, aipda, ipda, iptu, akp, kompol, bripda,
    petugas, anggota, anggota polisi, pak polisi, bapak polisi, polisi lalu lintas, polwan,
    satreskrim, sabhara, samapta, spkt, kapolsek, kapolres, kanit, pos polisi,
    unit reskrim, intel, polri, petugas polisi, petugas kepolisian, satpas, oknum polisi,
    anggota polsek, petugas samsat, seragam polisi,
""")
MISCONDUCT: frozenset[str] = _words("""
    pungli, pungutan liar, minta uang, minta duit, uang damai, damai di tempat, damai,
    beking, bekingi, membekingi, backing, geledah, menggeledah, tidak diangkat,
    tidak usah sidang,
    tidak mau mencatat, menyarankan berdamai, ketawa, menertawakan, tidak ada empati,
    salah sendiri, menyalahkan, bayar di sini, menawarkan, judes, ketus, dilempar, dimarahi,
    marah, dituduh, menuduh, menganggap, meminta biaya, minta biaya, biaya administrasi,
    pelicin, imbalan, mukul, pentungan, minta, meminta,
    suap, sogok, peras, pemerasan, memeras, diperas, kasar, bentak, membentak,
    dibentak, arogan, tidak sopan, kurang ajar, tidak ditanggapi, tidak direspon,
    tidak direspons, tidak diproses, tidak ditindaklanjuti, diabaikan, dicuekin, abaikan,
    dipersulit, mempersulit, ditolak, menolak, tolak, disuruh pulang, tidak profesional,
    pelayanan buruk, pelayanan jelek, salah tangkap, rekayasa, pukul, aniaya,
    tampar, tendang, minta rokok, uang rokok,
    uang bensin, setoran, 86, tebusan, dimintai uang, dimintai, tidak ada tindak lanjut,
    tidak ada perkembangan, tidak mau menerima, mempermainkan, main hp,
    kriminalisasi, sewenang, tanpa surat tilang, nitip, titip,
    menghina, hina, memaki, maki, seenaknya, semena mena, tidak menanggapi,
    tidak merespon, tidak ada respon, pelayanan lambat, menelantarkan, cuek,
""")
IMPERSONATE: frozenset[str] = _words("""
    mengatasnamakan, atas nama, ngaku, mengaku, catut, mencatut, gadungan, palsu,
    menyamar, pura pura, berpura pura, abal abal, mengaku ngaku, ngaku ngaku, ngaku dari,
    mengaku dari, ngaku jadi, pura pura jadi,
""")
QUESTION: frozenset[str] = _words("""
    bagaimana, cara, syarat, persyaratan, mau tanya, tanya, bertanya, informasi,
    apakah, berapa, kapan, dimana, di mana, jam berapa, bisakah, boleh, mohon info,
    mohon informasi, minta info, minta informasi, prosedur, caranya, apa benar, apakah benar,
    mana, bisa lapor,
""")
PERSON_NOUN: frozenset[str] = _words("""
    anak, adik, kakak, ibu, bapak, ayah, nenek, kakek, suami, istri, orang,
    saudara, sepupu, keponakan, cucu, putri, putra, teman, balita, bocah, bayi,
    lansia, pria, wanita, perempuan, laki, remaja, siswa, siswi, mahasiswa,
    mahasiswi, pelajar, santri, paman, bibi, tante, om, keluarga, mas, mbak,
    warga, orangtua, bojo, anaknya, adiknya, ibunya, ayahnya, bapaknya, arek, pakde,
    bude, mbah, suaminya, istrinya,
""")
VALUABLE: frozenset[str] = _words("""
    motor, mobil, sepeda, hp, handphone, dompet, tas, laptop, helm, uang, emas,
    perhiasan, kalung, gelang, cincin, jam tangan, kamera, ayam, kambing, sapi,
    barang, tabung gas, aki, velg, spion, onderdil, kotak amal, tv, televisi,
    perhiasannya, tabung, iphone, charger, sandal, sepatu, jemuran,
    pompa air, kabel, besi, pagar, galon, sembako, muatan, paket, koper,
""")
DOCUMENT: frozenset[str] = _words("""
    ktp, sim, stnk, bpkb, surat, ijazah, kk, kartu keluarga, atm, kartu atm,
    buku tabungan, paspor, akta, sertifikat, npwp, kartu, dokumen, berkas, bpjs,
    kis, kartu pelajar, ktm, kartu mahasiswa,
""")
SERVICE: frozenset[str] = _words("""
    sim, skck, stnk, bpkb, surat kehilangan, surat keterangan, izin keramaian,
    ijin keramaian, samsat, satpas, tilang, etle, perpanjang, perpanjangan, laporan,
    nomor telepon, call center, hotline, pengawalan, visum, legalisir, sp2hp,
    perkembangan laporan, surat izin, surat ijin, cek fisik, balik nama, mutasi,
    polsek, polres, polresta, kantor polisi, spkt, ktp, pajak kendaraan, rekrutmen,
    pendaftaran, izin, ijin, penyuluhan, sosialisasi, minta patroli, mohon patroli,
""")
FIRE: frozenset[str] = _words("""
    kebakaran, terbakar, api, kobaran, asap, asap tebal, hangus, meledak, ledakan,
    emo_api, percikan api, membara, kobong,
    rumah terbakar, warung terbakar, lahan terbakar, emo_damkar, damkar,
""")
HAZARD_HIGH: frozenset[str] = _words("""
    banjir bandang, longsor, tanah longsor, puting beliung, gempa, tanggul jebol,
    rumah roboh, atap roboh, dinding roboh, tembok roboh, terseret arus, hanyut,
    tenggelam, tersetrum, kesetrum, setrum, kabel menjuntai, kabel putus,
""")
NO_VICTIM: frozenset[str] = _words("""
    tidak ada korban, nihil korban, korban nihil, tanpa korban, tidak ada korban jiwa,
    tidak ada yang luka, tidak ada yang terluka, tidak ada korban luka, tidak ada yang cedera,
    tidak ada yang meninggal, semua selamat, tidak ada yang terluka parah, tidak terluka,
    tidak luka, tidak apa apa, baik baik saja, tidak kenapa kenapa, selamat semua,
    korban selamat, tidak cedera,
""")
SERVICE_OVERRIDE: frozenset[str] = _words("""
    surat kehilangan, surat keterangan hilang, surat keterangan kehilangan, laporan kehilangan,
""")
GREETING: frozenset[str] = _words("""
    terima kasih, selamat pagi, selamat siang, selamat sore, selamat malam, halo, hai,
    assalamualaikum, permisi, hallo, hi,
""")
SEVERE: frozenset[str] = _words("""
    kritis, tidak sadar, tidak sadarkan diri, meninggal, tewas, meninggal dunia, luka bacok,
    luka tusuk, sekarat, bersimbah darah, koma, luka parah, luka berat,
    mayat, jenazah, nyawa, korban jiwa, mati di tempat, meninggal di tempat,
    tidak bernafas, tidak bernapas, kejang,
""")
LL_DANGER: frozenset[str] = _words("""
    lawan arus, melawan arus, ugal, ugalan, zig zag, melintang, mogok, menutup lajur,
    menutup jalan, berhenti di tengah, mau jatuh, hampir jatuh, rem blong, tidak bisa lewat,
    salah arah, mabuk, kebut, ngebut, dicegat,
""")
ACTIVE_DISTURB: frozenset[str] = _words("""
    mabuk, mabukan, mabuk mabukan, keributan, ribut, onar, bikin onar, gaduh, kegaduhan,
    mencurigakan, mondar mandir, gerak gerik, orang asing, curiga, palak, dipalak, preman,
    ancam, gedor, teriak, teriak teriak, geber, bleyer, orang tidak dikenal, mengintai,
    pemalakan, ngompas, amuk, ngamuk, mengamuk, tidak dikenal,
""")
RESOLVED: frozenset[str] = _words("""
    ternyata, maaf merepotkan, sudah dikembalikan, dikembalikan, tidak jadi, batal, update,
    sudah ketemu, sudah ditemukan, berhasil ditemukan, sudah pulang, dalam keadaan sehat,
    dalam keadaan selamat, sudah kembali, salah paham, sudah beres, mohon diabaikan,
""")
HYPOTHETICAL: frozenset[str] = _words("""
    hampir, nyaris, dikira, kirain, disangka, takut, khawatir,
""")
LOSS: frozenset[str] = _words("""
    transfer, terkuras, saldo, kirim uang, sudah bayar, sudah transfer, kode otp, otp, tf,
    bayar, harus transfer, minta transfer,
""")
FAILED: frozenset[str] = _words("""
    hampir, untung, untungnya, tidak jadi, belum transfer, sadar, curiga, tidak tertipu,
    gagal, mencoba,
""")
ACTION_NEEDED: frozenset[str] = _words("""
    hilang, kehilangan, laporan saya, laporan kami, perkembangan, sp2hp, blanko, habis,
    sudah dua kali, surat kehilangan, surat keterangan hilang, surat keterangan kehilangan,
    kehilangan hp,
    kehilangan dompet, kehilangan ktp, kehilangan sim, kehilangan stnk, ktp hilang, sim hilang,
    stnk hilang, hp hilang, kehilangan kartu, kehilangan ijazah, atm hilang, sudah 2 kali,
    belum ada kabar, belum ada perkembangan, belum dihubungi, ilang,
""")
FIRE_ACTIVE: frozenset[str] = _words("""
    belum padam, makin besar, semakin besar, merembet, menjalar, masih menyala, membesar,
    api masih, masih terbakar,
""")
WATER_HIGH: frozenset[str] = _words("""
    setinggi pinggang, setinggi dada, setinggi leher, sepinggang, sedada, banjir bandang,
    terseret arus, keseret arus, hanyut, terjebak,
""")
FLOOD: frozenset[str] = _words("""
    banjir, kebanjiran, meluap, luapan, genangan, tergenang, longsor, tanah longsor,
    selokan meluap, air masuk rumah, merendam, terendam, tanggul jebol,
""")
GAS: frozenset[str] = _words("""bau gas, gas bocor, bocor gas, kebocoran gas, elpiji, lpg,
tabung gas""")
PRAISE: frozenset[str] = _words("""
    terima kasih, semangat, apresiasi, keren, salut, hebat, sehat, humble, mantap,
    sukses, luar biasa, pelayanan luar biasa, bangga, promo, diskon, giveaway, follow, tes,
    test, ganteng, cantik, wkwk, wkwkwk, haha, emo_suka, salah kirim, bhayangkara,
    dirgahayu, jaya, klik link, cepat cair, tanpa jaminan, bergaransi, jasa, murah,
    ini nomor,
    nomor ini, akun resmi,
""")
COMPLAINT: frozenset[str] = _words("""
    mati, rusak, bau, sampah, menumpuk, ganggu, mengganggu, terganggu, gonggong, berisik,
    kotor, bocor, macet, sering, keluhan, mengeluh, sudah ditegur, ditegur, tolong, mohon,
""")
# ---- domain additions to the priority cue sets ----
# "sejak" alone is not a past anchor ("sejak 30 menit lalu", "sejak tadi"); its anchors match themselves.
TIME_PAST = (TIME_PAST - {"sejak"}) | _words("""
    beberapa waktu lalu, beberapa waktu yang lalu, tahun kemarin, lebaran kemarin, lebaran lalu,
    kala itu, minggu yang lalu, bulan yang lalu, tahun yang lalu, sepekan terakhir,
    seminggu terakhir, dua minggu, tiga minggu, sejak kemarin, sejak semalam,
""")
TIME_FRESH = TIME_FRESH | _words("tadi subuh, subuh tadi, dini hari tadi, baru banget")
TIME_ONGOING = TIME_ONGOING | _words("""
    terdengar jeritan, terdengar teriakan, terdengar suara, kedengaran,
    sejak tadi, mumpung, masih di sini, masih di sekitar, masih berkeliaran, masih jalan,
    lagi berlangsung, right now, tunggu di sini, menunggu di sini, masih di situ,
""")
RECURRING = RECURRING | _words("""
    yang suka, sudah 2 kali, sudah dua kali, 2 kali, dua kali, tiga kali, 3 kali, berkali,
    tiap kali, setiap kali, hampir tiap, beberapa kali, sudah beberapa kali, kerap kali,
    mohon patroli, tolong patroli, minta patroli, ditertibkan, mohon ditertibkan,
    tolong ditertibkan, minta ditertibkan,
""")
URGENT = URGENT | _words("""
    cepet, mohon bantuan, minta bantuan, ayo bantu, urgen, mohon tolong, tolong cepat,
""")
INJURY = INJURY | _words("""
    # someone about to take their own life
    bunuh diri, mau bunuh diri, percobaan bunuh diri, mengakhiri hidup, gantung diri, mau loncat,
    mau lompat, mau terjun, minum racun,
    masih hidup,
    # breathing, burns, head wounds, trapped or not moving
    tidak bisa jalan, tidak bisa berjalan, tidak bisa bergerak,
    luka bakar, sesak, sulit bernapas, sulit bernafas, susah napas, susah nafas,
    susah bernapas, tidak bisa bernapas, tidak bisa bernafas, sakit di dada, nyeri dada,
    luka sobek, luka robek, kepala bocor, kepala sobek, pelipis sobek, pelipis robek,
    dahi sobek, benjol, muntah darah, mimisan, tidak bergerak, tak bergerak,
    tidak bisa bangun, tidak bisa berdiri, pendarahan, perdarahan, keracunan, tertindih,
    terhimpit, tergencet, belum bisa dikeluarkan, tidak bisa dikeluarkan, tidak bisa keluar,
    belum bisa keluar, masih di bawah, ada orang di dalam, orang di dalam, tersengat listrik,
    tersetrum, kesetrum, kebawa arus, terbawa arus, terkubur, tertimbun,
""")
INJURY_MINOR = INJURY_MINOR | _words("""
    keseleo, terkilir, memar ringan, lecet ringan, luka kecil, cuma kaget,
""")
SEVERE = SEVERE | _words("""
    darah banyak, banyak darah, darahnya banyak, berlumuran darah, bersimbah,
    luka bakar, tak bergerak, tidak bergerak, tidak bisa bernapas, tidak bisa bernafas,
    muntah darah, pendarahan, kepala bocor,
""")
INJURY = INJURY | SEVERE  # every severe cue is an injury cue too
# a person still inside a crashed car, a burning house or a collapsed building
TRAPPED: frozenset[str] = _words("""
    masih di dalam, terjebak di dalam, terkunci di dalam, terkurung, tidak bisa keluar,
    belum bisa keluar, belum bisa dikeluarkan, tidak bisa dikeluarkan, terjepit, tertindih,
""")
# a planned meeting or pickup: the danger to a child is imminent
IMMINENT: frozenset[str] = _words("""
    besok, nanti malam, janjian, ketemuan, mau jemput, mau ketemu, diajak bertemu,
    diajak ketemu, akan bertemu, akan menjemput, minggu depan,
""")
REASSURE = REASSURE | _words("""
    dilerai, sudah dilerai, sudah dipisah, dipisahkan warga,
    sudah dibalut, dibalut, sudah dijahit, sudah diperban, sudah ditolong, pos kesehatan,
    sudah diantar, sudah sadar, sudah siuman, sudah tidur, sudah istirahat, sudah berdamai,
    sudah tenang, sudah bubar, sudah dibubarkan, sudah kondusif,
""")
NO_VICTIM = NO_VICTIM | _words("""
    belum ada korban, tidak ada yang kena, aman semua, semuanya aman, tidak ada apa apa,
""")
WEAPON = WEAPON | _words("""
    tikam, sayat, kapak, keris, tombak, panah, senapan, airsoft gun, cutter, silet, sabit,
    air keras,
    # everyday objects; "pakai helm" / "pakai sabuk pengaman" are clothing, so helmets and belts stay out
    bambu, ikat pinggang, sapu, botol, pecahan botol, pipa, rantai, palu, tongkat, besi, gunting,
""")
# everyday objects that are weapons only when someone wields them ("pakai obeng", "bawa kayu")
AMBIGUOUS_WEAPON: frozenset[str] = _words("""
    batu, kayu, balok, obeng, bambu, ikat pinggang, sapu, botol, pipa, rantai,
    palu, tongkat, besi, gunting, linggis, sabit, cutter, gir,
""")
VULNERABLE = VULNERABLE | _words("""
    lumpuh, sakit jiwa, gangguan mental, bingung, pendaki, adik kecil,
""")
CHILD = CHILD | _words("kakak kelas, adik kelas, teman sekelas, teman sekolah, anak sd")
FAMILY = (FAMILY - {"mantan istri", "mantan suami"}) | _words("cowoknya, ceweknya, pacarnya, bojone")
SEXUAL = SEXUAL | _words("""
    bagian pribadi, area pribadi, bagian intim, kemaluan, foto aneh, minta foto, vcs,
    tidak senonoh, leceh, lecehkan, pelecehan,
""")
OFFICER = OFFICER | _words("pakpol, pak pol, binmas, petugas spkt, polisi lalu lintas")
MISCONDUCT = MISCONDUCT | _words("""
    tidak pernah datang, tidak pernah hadir, tidak pernah turun, tidak pernah patroli,
    beli bensin, bawa rokok, rokok, uang kopi, uang jalan, uang lelah, biar diproses,
    agar diproses, supaya diproses, tidak ada anggota, suruh datang besok, disuruh datang besok,
    datang besok, disuruh kembali, tidak mau tahu, tidak peduli, tidak pantas, tidak nyaman,
    ancam, mengancam, intimidasi, pidanakan, mempidanakan, dipidanakan, sim ditahan,
    stnk ditahan, menahan sim, malah, tidak digubris, tidak dilayani, tidak dihiraukan,
    susah dihubungi, sulit dihubungi, berbelit, sok kuasa, menggoda, genit, tidak ada surat tilang,
    jalur belakang, nembak sim,
    mabuk,
""")
QUESTION = QUESTION | _words("""
    harus bagaimana, diapakan, diapain, harus apa, sebaiknya, lapor ke mana, ke mana,
    kemana,
""")
PERSON_NOUN = PERSON_NOUN | _words("pendaki, kakang, adik kecil, mbah mbah, orang tua")
VALUABLE = VALUABLE | _words("""
    spion, ban, gabah, hasil panen, ternak, burung, kabel tembaga, meteran, tabung elpiji,
    sepeda lipat, perkakas, uang tunai,
""")
HAZARD_HIGH = HAZARD_HIGH | _words("""
    kabel listrik putus, kabel listrik jatuh, kabel listrik menjuntai,
    tersambar petir, tebing runtuh, runtuh, material longsor, air bah, tertimbun, terkubur,
    erupsi, kebawa arus, terbawa arus,
""")
FLOOD = FLOOD | _words("ungsi, air masuk, air mulai masuk, air naik, jebol, tanggul")
GAS = GAS | _words("tabung gas bocor, gas elpiji bocor, bau elpiji")
FIRE = FIRE | _words("asap hitam, asap pekat, kepulan asap, bau hangus, berkobar")
FIRE_ACTIVE = FIRE_ACTIVE | _words("masih berkobar, berkobar, api membesar")
LL_DANGER = LL_DANGER | _words("""
    mobil mogok, truk mogok, tengah rel, palang pintu,
    tertutup total, jalan tertutup, nutup jalan, terjebak, macet total, bak terbuka,
""")
ACTIVE_DISTURB = ACTIVE_DISTURB | _words("""
    obrak abrik, diobrak abrik, grebek, sweeping, mendem,
    petasan, mercon, menyalakan, ngawasi,
    membuntuti, menguntit, berkeliaran, menghadang, hadang, mengawasi,
""")
ACTION_NEEDED = ACTION_NEEDED | _words("""
    tidak ada kabar, sudah sampai mana, sampai mana, belum ada tindak lanjut, belum diproses,
    kelanjutan, progres,
""")
PRAISE = PRAISE | _words("""
    mendoakan, turut berduka, berduka, husnul khotimah, innalillahi, semoga, harga nego,
    nego, harga, ready stock, open order, dijual, minat, batu akik, akik, enak, ngopi,
    lomba, konten, sangat membantu, cepat tanggap, sigap, responsif, gercep, mantul,
    terbaik, good job, piket,
""")
COMPLAINT = COMPLAINT | _words("""
    tetangga, dinas, saluran, sumbat, menyumbat, mampet, menjorok, sengketa, pemkot,
    keluh, minta tolong,
""")
# fmt: on
PRAISE_STRONG: frozenset[str] = _words("""
        mantap,
        keren,
        salut,
        apresiasi,
        hebat,
        luar biasa,
        bangga,
        sukses,
        semangat,
        ganteng,
        pelayanan luar biasa,
        dirgahayu,
        bhayangkara,
        humble,
        emo_suka,
    """)
PRAISE_STRONG = PRAISE_STRONG | _words(
    "sangat membantu, cepat tanggap, sigap, responsif, gercep, mantul, terbaik, good job"
)

# ---- cue sets for the engine's domain principles ----
# fmt: off
VEHICLE: frozenset[str] = _words("""
    motor, mobil, truk, bus, bis, angkot, sepeda, becak, ojol, ojek, pengendara,
    pemotor, pesepeda, kendaraan, pikap, pick up, kereta, sopir, pengemudi, minibus,
    mobil box, trailer, travel, elf, jip, taksi, odong odong, dokar,
""")
MISHAP: frozenset[str] = _words("""
    jatuh, terjatuh, tercebur, terjun, terperosok, terguling, terbalik, terpental,
    terjungkal, kolong, masuk jurang, masuk sungai, masuk selokan, masuk parit, masuk got,
    masuk sawah, oleng, slip, selip, tergelincir, nyungsep, terlempar, terpelanting,
""")
# generic officer words count only when the report is about the police (not a parcel desk or a bank)
GENERIC_OFFICER: frozenset[str] = _words("petugas, anggota, aparat, intel")
POLICE_CONTEXT: frozenset[str] = _words("""
    polisi, polsek, polres, polresta, polantas, satlantas, razia, tilang, operasi,
    spkt, lapor, laporan, melapor, sim, stnk, pos polisi, oknum, reskrim, provos,
    propam, patroli, kepolisian, penyidik, polwan, brimob, bhabin, babin, polri,
    seragam, kapolsek, kapolres, skck, kanit, satreskrim, sabhara, samapta, sidang,
    lantas, pos lantas, pospol,
""")
# a tool becomes a weapon when the attacker holds it ("pakai obeng", "bawa kayu")
WIELD: frozenset[str] = _words("""
    pakai, pake, pakek, bawa, membawa, dengan, menggunakan, nggowo, gowo, sambil,
    acung, mengacungkan, ngacungin, lempar, melempar, lempari, melempari, saling lempar,
""")
# forcible handling of a person (pulling, dragging, gagging)
FORCED: frozenset[str] = _words("""
    ditarik, diseret, dipaksa, dibekap, dibawa paksa,
    dipaksa masuk, ditarik paksa, diseret paksa, dicekik, dikunci,
""")
FEMALE: frozenset[str] = _words("""
    perempuan, wanita, gadis, istri, mbak, siswi, mahasiswi, remaja putri, ibu ibu,
    anak perempuan, janda, pacar,
""")
# someone found confused or lost: the finder's words
FOUND_LOST: frozenset[str] = _words("""
    bingung, linglung, tersesat, nyasar, kesasar, tidak tahu rumahnya, tidak tahu pulang,
    tidak ingat, lupa jalan pulang, lupa alamat, tidak bisa bicara, tidak bisa ngomong,
    sendirian, menangis, nangis, menemukan, ditemukan, terpisah,
""")
SURVEIL: frozenset[str] = _words("""
    foto, memotret, motret, merekam, rekam, mengintai, intai, mengawasi, muter,
    mondar mandir, membuntuti, menguntit, mengikuti, berkeliaran, mengamati, nunggu,
    ngawasi, awasi, ngintai, melihat lihat,
""")
STRANGER: frozenset[str] = _words("""
    orang tidak dikenal, tidak dikenal, orang asing, asing, mencurigakan, otk, misterius,
    tanpa plat, tidak ada plat,
""")
CAUGHT: frozenset[str] = _words("""
    tertangkap, ketangkap, tertangkap basah, ditangkap warga, diamankan warga, diikat warga, pelaku diikat,
    maling diikat,
    dikepung warga, diringkus warga,
""")
CONDITIONAL: frozenset[str] = _words("kalau, kalo, jika, jikalau, bila, apabila, seandainya")
EX_PARTNER: frozenset[str] = _words("mantan suami, mantan istri, mantan bojo, bekas suami, bekas istri")
# "tolong dicek" asks for follow-up; it is not a cry for help
REQUEST_VERBS: frozenset[str] = _words("""
    dicek, dicheck, ditindak, ditindaklanjuti, ditertibkan, dipantau, diperiksa, diselidiki,
    diusut, dirazia, ditegur, dibina, diawasi, diproses, dibubarkan,
    dipatroli, patroli, razia, ditindak tegas, dicari tahu,
""")
# fmt: on
# a threat sent by message or phone is not an attack in progress
REMOTE: frozenset[str] = _words("""
    lewat wa, via wa, lewat dm, via dm, lewat telepon, lewat pesan, lewat chat, lewat sms, chat, sms, dm,
    inbox, medsos, media sosial, telepon, pesan suara, voice note, twitter, instagram, ig, facebook, fb,
    tiktok, online, grup wa,
""")

# ---- third pass: vocabulary by principle (injury anywhere on the body, collision idioms, krama) ----
# fmt: off
_THIRD_TERMS: dict[str, dict[str, float]] = {
    "kecelakaan": _weights("""
        # collision idioms: a vehicle "kisses", rams or rear-ends another
        seruduk: 3.0, tubruk: 3.0, cium bokong: 4.5, cium pantat: 4.5, cium buntut: 4.5,
        tabrak belakang: 4.0, adu kambing: 3.5, ketabrak: 3.5, tersenggol: 2.0,
    """),
    "lalu_lintas": _weights("""
        lampu ijo: 2.5, lampu hijau: 2.5, lampu kuning: 2.0, perempatan: 0.8, pertigaan: 0.8,
        nerobos: 2.0, strobo: 1.0,
    """),
    "pencurian": _weights("""
        # thieves cutting and carrying off infrastructure (cables, pipes, grave fences)
        kabel tembaga: 2.0, maling kabel: 4.5, pencurian kabel: 4.5, potong kabel: 2.5,
    """),
    "kekerasan": _weights("""
        # someone forced into a vehicle is being abducted
        ditarik paksa masuk: 3.5, dipaksa masuk mobil: 3.5, diseret masuk: 3.0, dimasukkan ke mobil: 2.0,
        dimasukkan paksa: 3.5, ditarik masuk mobil: 3.5,
    """),
    "kdrt_ppa": _weights("""
        # a child left alone or without food is neglect (penelantaran)
        ditinggal sendirian: 3.0, kelaparan: 1.5, tidak diurus: 3.0, ditelantarkan: 4.0,
        tidak ada makanan: 2.0, tidak dikasih makan: 3.0, dibiarkan sendirian: 3.0,
    """),
    "narkoba": _weights("""
        dobel l: 4.5, double el: 4.5, kristal: 2.0, serbuk putih: 3.0, bubuk putih: 3.0,
    """),
    "penipuan": _weights("""
        seragam polisi palsu: 5.0, polisi palsu: 5.0, polisi gadungan: 5.0,
    """),
    "orang_hilang": _weights("""
        # people who did not come back from a trip, a climb or a river
        belum turun: 3.5, tidak turun: 2.5, tidak dapat dihubungi: 3.0, terlepas dari pengawasan: 4.0,
        lepas dari pengawasan: 4.0, terpisah dari: 3.5,
    """),
}
for _c, _d in _THIRD_TERMS.items():
    CATEGORY_TERMS[_c].update(_d)

# body parts: an injury word next to one of these is an injured person whatever the category
BODY_PART: frozenset[str] = _words("""
    kepala, kaki, tangan, lengan, jari, dada, perut, punggung, leher, muka, wajah, mata, hidung,
    mulut, bibir, gigi, telinga, kuping, dahi, jidat, pelipis, pipi, dagu, rahang, lutut, betis,
    paha, pinggang, pinggul, bahu, pundak, siku, tulang, rusuk, tengkorak, badan, tubuh, awak,
    sirah, ndas, endas, raine, rai, irung, untu, weteng, boyok, dengkul, kulit, pergelangan,
""")
# what happened to the body part; minor words (lecet, keseleo) stay out
BODY_HURT: frozenset[str] = _words("""
    patah, retak, bengkok, bocor, sobek, robek, berdarah, darah, luka, lebam, bengkak, biru lebam,
    remuk, hancur, ancur, putus, melepuh, terbakar, tertusuk, tembus, benjol, bonyok,
    terjepit, tergencet, tertindih, mati rasa, keluar darah,
    tidak bisa digerakkan, tidak bisa digerakin, tidak bisa digerakan, tidak bisa gerak,
    tidak bisa diangkat, tidak bisa ditekuk,
""")
INJURY = INJURY | _words("""
    # unconscious, fitting, choking (Indonesian, ngoko and krama forms)
    tidak eling, tidak sadar diri, semaput, klenger, kejang kejang, sesak, muntah darah, gegar,
    kelaparan, dehidrasi, lemas kelaparan, keluar darah, tidak bisa berdiri, tidak bisa napas,
    tenggelam, terseret, tertimbun, tersengat listrik, luka bakar,
""")
SEVERE = SEVERE | _words("tidak eling, kejang kejang, tidak sadar diri, gegar otak, cekik, dicekik, mencekik")
INJURY = INJURY | _words("""
    # a child or anyone stuck where they cannot breathe or get out
    tercebur sumur, jatuh ke sumur, masuk sumur, terperosok sumur, terkunci di dalam mobil,
    terkunci di mobil, terjebak di dalam mobil, belum bisa diangkat, tidak bisa diangkat,
    mulutnya berbusa, mulut berbusa, kejang,
""")
INJURY = INJURY | SEVERE
VULNERABLE = VULNERABLE | _words("""
    autis, autisme, down syndrome, tuna rungu, tunarungu, tuna wicara, tunawicara, disabilitas,
    difabel, berkebutuhan khusus, tuna netra, tunanetra, sepuh, tiyang sepuh, lansia,
""")
PERSON_NOUN = PERSON_NOUN | _words("tiyang, pendaki, tiyang sepuh")
VALUABLE = VALUABLE | _words("""
    pit, onthel, sepeda onthel, sepeda motor, kabel tembaga, trafo, pipa besi, tembaga, ponsel,
""")
# a child left without care: the danger lasts as long as the neglect (no "after the fact")
NEGLECT: frozenset[str] = _words("""
    ditinggal sendirian, dibiarkan sendirian, kelaparan, tidak ada makanan, tidak dikasih makan,
    tidak diberi makan, tidak diurus, ditelantarkan, lemas kelaparan,
""")
# pets lost or run away are not police business (redirected, lainnya)
PET: frozenset[str] = _words("""
    kucing, anjing, kelinci, hamster, burung peliharaan, hewan peliharaan, peliharaan, anabul,
""")
# a thief's word: with a valuable nearby the loss is a theft
THEFT_ROOT: frozenset[str] = _words("""
    maling, curi, pencuri, colong, gasak, embat, gondol, jarah, garong, raib, hilang, kehilangan,
""")
# traffic behaviour that moves on (tinggi only while it is happening) vs. blockages that stay
LL_MOVING: frozenset[str] = _words("""
    lawan arus, melawan arus, ugal, ugalan, zig zag, kebut, ngebut, salah arah, mabuk,
""")
LL_DANGER = LL_DANGER - {"macet total", "palang pintu"}
COMPLAINT = COMPLAINT | _words("""
    belum dibayar, tidak dibayar, tidak digaji, gaji, tidak merata, tidak adil, dirugikan, kok tidak,
    pungutan, janji,
""")
MISCONDUCT = MISCONDUCT | _words("""
    tanpa surat, tanpa memberi, tanpa bukti, tanpa surat bukti, tidak menyebutkan pasal,
    tidak mau memberi, tidak mau ngasih, strobo, mobil dinas,
""")
POLICE_CONTEXT = POLICE_CONTEXT | _words("""
    distop, diberhentikan, dicegat, slip, diamankan, diborgol, borgol, tahanan, sel, demo,
    pengamanan, penyidik, menyita, disita, penyitaan,
""")
IMPERSONATE = IMPERSONATE | _words("""
    tidak ada nama, tanpa nama, polisi gadungan, polisi palsu, mirip polisi,
""")
TIME_ONGOING = TIME_ONGOING | _words("taksih, sakmenika")
REMOTE = REMOTE | _words("mengirim pesan, kirim pesan, ngirim pesan, pesan ancaman, lewat whatsapp, via whatsapp")
NO_VICTIM = NO_VICTIM | _words("belum ada yang kena, belum ada yang terluka, tidak ada yang terluka, nihil korban")
# fmt: on

# ---- fourth pass: families by principle (not phrases from one report) ----
# fmt: off
# mental illness or a brain condition makes a missing adult vulnerable
VULNERABLE = VULNERABLE | _words("""
    skizofrenia, bipolar, gangguan kejiwaan, odgj, epilepsi, ayan, pelo, lumpuh, stroke, keterbelakangan mental,
""")
# help has already reached the victim: the emergency is handled
REASSURE = REASSURE | _words("""
    sudah dirawat, sudah ditangani, sudah diobati, sudah dibawa pulang, sudah pulang dari rs,
    sudah pulang dari rumah sakit, sudah opname, sudah di rumah,
""")
# police crowd-control weapons: the police are the actor when these are used
POLICE_CONTEXT = POLICE_CONTEXT | _words("gas air mata, water cannon, peluru karet, pentungan, tameng")
MISCONDUCT = MISCONDUCT | _words("""
    gas air mata, water cannon, peluru karet, semprot, menyemprot, nyemprot, maksa, memaksa, paksa,
    tanpa alasan, tanpa alasan jelas, sewenang wenang,
""")
# fmt: on
