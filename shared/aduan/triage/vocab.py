"""Triage vocabulary as data: one definition per list, grouped by register.

Loaded once by ``lexicon``; nothing here is code.  Each list maps a register to a comma-separated spec:

- ``id``: Indonesian, formal and chat (abbreviations, English code-mixing, emoji tokens such as ``emo_sos``);
- ``ngoko``: Javanese ngoko (everyday Javanese, Malang usage);
- ``krama``: Javanese krama (the polite register);
- ``walikan``: Malang *walikan* (words read backwards).

Much Javanese and walikan spelling is rewritten to Indonesian before lookup (``normalize.ABBREV``), so a
list holds a Javanese word here only when it is looked up as itself.  A single word is a *root*: affixed
forms reach it ("dicuri", "pencurian" -> "curi").  A phrase (with spaces) matches consecutive tokens.
Category terms carry a weight (``term: weight``).
"""

from __future__ import annotations

# fmt: off

# category -> register -> "term: weight" spec (how strongly a term points at the category)
CATEGORY_TERMS: dict[str, dict[str, str]] = {
    "kecelakaan": {
        "id": """
            adu banteng: 4.0, adu kambing: 3.5, bersenggolan: 3.0, beruntun: 1.5, bonyok: 1.0,
            cium bokong: 4.5, cium buntut: 4.5, cium pantat: 4.5, crash: 2.0, disambar kereta: 4.0,
            ditabrak kereta: 4.0, ditabrak lari: 4.0, dooring: 3.5, gilas: 2.0, guling: 2.0, hantam: 1.5,
            jatuh dari: 1.0, jatuh dari motor: 2.5, jatuh dari sepeda: 2.5, jungkal: 2.0, kecelakaan: 3.5,
            kecelakaan lalu lintas: 4.0, kecelakaan ringan: 4.0, kecelakaan tunggal: 4.0, keserempet: 2.5,
            ketabrak: 3.5, kolong truk: 3.0, korban kecelakaan: 4.5, laka lantas: 4.0, lindas: 3.0,
            masuk got: 2.0, masuk jurang: 3.0, masuk kolong: 3.0, masuk parit: 2.0, masuk sawah: 2.0,
            masuk selokan: 2.0, masuk sungai: 1.0, menabrak: 3.0, menghantam: 2.0, mobil terbalik: 3.5,
            nabrak: 3.0, ngeblong: 0.5, ngerem mendadak: 2.5, nyungsep: 2.5, oleng: 1.5, pemotor: 1.0,
            pengendara terjatuh: 3.0, penyok: 1.0, pesepeda: 0.8, pintu mobil: 1.5, rem blong: 2.0,
            rem mendadak: 2.0, ringsek: 2.5, selip: 1.5, senggol: 2.0, senggolan: 2.5, serempet: 2.5,
            seruduk: 3.0, slip: 1.5, tabrak: 3.0, tabrak belakang: 4.0, tabrak kereta: 4.0, tabrak lari: 4.0,
            tabrak motor: 3.5, tabrak pembatas: 3.5, tabrakan: 3.5, tabrakan beruntun: 5.5, temper: 2.5,
            terbalik: 2.0, tercebur: 1.5, tergelincir: 2.0, tergilas: 3.0, terguling: 3.0, terjatuh: 1.0,
            terjungkal: 2.5, terlempar: 1.5, terlindas: 3.0, terpelanting: 2.5, terpental: 2.5,
            terperosok: 2.0, tersambar kereta: 3.5, tersenggol: 2.0, tertabrak: 3.5, tertemper: 3.5,
            truk terguling: 3.5, tubruk: 3.0, vs: 2.0,
        """,
    },
    "lalu_lintas": {
        "id": """
            ambles: 1.5, angkot: 0.8, angkot ngetem: 3.0, angkut penumpang: 1.5, antrean panjang: 1.5,
            apill: 3.0, arus lalu lintas: 3.0, aspal: 1.5, badan jalan: 2.0, bahu jalan: 2.0,
            bak terbuka: 2.0, balap: 0.5, bangjo: 2.5, berhenti di tengah: 2.5, berhenti sembarangan: 3.0,
            berlubang: 2.5, bolong: 1.0, bonceng 3: 2.5, bonceng tiga: 2.5, car free day: 1.0, ceceran: 1.5,
            contraflow: 1.5, ditertibkan: 0.5, ditutup: 0.8, galian: 2.0, galian kabel: 3.0, galian pipa: 3.0,
            gelap: 0.5, genangan: 0.5, helm: 1.0, jalan berlubang: 3.0, jalan bolong: 3.0, jalan retak: 2.5,
            jalan rusak: 2.5, jalan tertutup: 3.0, jalur: 0.5, jeglongan: 2.5, jl amblas: 4.0, jl ambles: 4.0,
            jl berlubang: 3.0, jl licin: 3.0, jl rusak: 2.5, kebut: 2.5, kemacetan: 3.0, kendaraan: 0.5,
            kerikil: 1.0, kernet: 1.0, klakson: 1.5, knalpot: 0.5, kontainer: 1.0, lajur: 1.5, lalin: 2.5,
            lalu lintas: 1.5, lampu hijau: 2.5, lampu ijo: 2.5, lampu jalan: 1.0, lampu kuning: 2.0,
            lampu lalu lintas: 2.5, lampu merah: 2.0, lampu merah mati: 3.5, lampu sein: 2.0, lawan arus: 3.0,
            licin: 1.0, lubang: 1.5, macat: 2.5, macet: 3.0, macet total: 3.5, marka: 2.0, melanggar: 1.5,
            melawan arus: 3.0, melebihi: 1.0, melintang: 2.0, menerobos: 2.0, menghalangi jalan: 2.0,
            menutup jalan: 2.5, menutup lajur: 3.0, menyalip: 2.5, merayap: 2.0, mobil mogok: 2.0, mogok: 1.0,
            muat: 1.5, muatan: 2.0, muatan berlebih: 3.0, nerobos: 2.0, ngeblong: 2.5, ngebut: 2.5,
            ngetem: 2.5, nutup jalan: 2.5, nyalip: 2.5, nyangkut: 0.5, nyerobot: 2.0, odol: 3.0, oli: 1.5,
            over dimensi: 3.0, overload: 3.0, padat: 1.5, padat merayap: 3.0, pak ogah: 2.0,
            palang pintu: 2.0, parkir: 1.0, parkir berlapis: 3.5, parkir di bahu: 3.0, parkir di trotoar: 3.0,
            parkir dobel: 3.5, parkir liar: 2.5, parkir sembarangan: 3.0, parkiran liar: 2.5,
            pasar tumpah: 3.0, pelanggaran: 1.5, pelat: 1.0, penertiban: 1.0, pengalihan arus: 2.5,
            pengendara: 1.0, penutupan jalan: 2.0, penyeberangan: 1.5, perempatan: 0.8, perlintasan: 1.5,
            pertigaan: 0.8, pick up: 0.8, pikap: 0.8, pju: 1.0, pkl: 1.0, plat nomor: 1.0, polisi tidur: 3.0,
            proyek galian: 3.0, putar balik: 1.5, rambu: 2.5, rekayasa arus: 4.0, rekayasa lalu lintas: 4.0,
            retak: 1.0, salah arah: 2.0, salip: 2.0, semrawut: 2.5, sim: 0.3, sopir: 0.5, strobo: 1.0,
            tanpa helm: 2.5, tanpa lampu: 2.0, terjebak macet: 4.0, terobos: 2.0, terobos lampu merah: 3.5,
            terperosok: 1.5, tersangkut: 0.5, tersendat: 2.5, tertutup: 1.0, tertutup total: 3.0,
            tidak ada lampu: 1.0, tidak ada plat: 2.0, tidak pakai helm: 2.5, tikungan: 1.0, tilang: 0.8,
            traffic light: 2.5, trailer: 1.5, trotoar: 1.5, truk: 0.8, tumpahan: 1.5, tutup jalan: 2.0,
            u turn: 1.5, ugal: 3.0, ugalan: 3.0, zebra cross: 2.5, zig zag: 2.5,
        """,
    },
    "pencurian": {
        "id": """
            ambil: 1.0, ambil paksa: 3.5, ayam hilang: 2.5, barang curian: 4.0, barang hilang: 2.0,
            bawa kabur: 3.0, begal: 4.0, bobol: 3.0, cctv: 1.0, colong: 3.5, congkel: 3.0, copet: 4.0,
            curanmor: 4.5, curas: 4.5, curat: 4.5, curi: 3.5, diambil: 0.8, diambil orang: 3.0,
            dibawa kabur: 3.0, dibawa lari: 3.0, dicongkel: 3.5, digondol: 3.5, dijebol maling: 4.0,
            dipreteli: 3.5, ditarik tasnya: 3.0, embat: 2.5, ganjal atm: 4.0, garong: 3.5, gasak: 3.5,
            gembok dirusak: 3.0, gembos: 1.0, gondol: 3.5, helm hilang: 3.0, hilang: 1.0, hilangnya: 1.0,
            hp hilang: 2.0, jambak: 0.5, jambret: 4.0, jarah: 3.0, jendela dicongkel: 3.5, kabel tembaga: 2.0,
            kecolongan: 3.0, kehilangan hp: 2.0, kehilangan motor: 3.0, kemalingan: 4.0, ketangkap: 0.5,
            kotak amal: 2.0, kunci leter t: 4.0, kunci rusak: 2.0, kunci t: 3.5, lenyap: 2.0, leter t: 4.0,
            ludes: 1.0, maling: 3.5, maling ayam: 4.0, maling kabel: 4.5, maling motor: 4.5,
            maling tertangkap: 4.5, masuk ke rumah: 1.5, masuk rumah: 1.5, menarik tas: 3.0,
            mencoba masuk: 3.0, mobil hilang: 3.0, motor hilang: 3.0, ngambil: 1.5, ngutil: 3.5, nyolong: 3.5,
            orang tidak dikenal: 1.0, otk: 1.0, pecah kaca: 3.5, pelaku: 0.5, pelaku pencurian: 4.5,
            pembegalan: 4.5, pembobolan: 3.5, penadah: 3.0, pencopetan: 4.5, pencuri: 3.5,
            pencurian kabel: 4.5, penjambretan: 4.5, perampokan: 4.5, pintu dijebol: 3.0, potong kabel: 2.5,
            pretel: 3.0, preteli: 3.0, raib: 3.0, rampas: 3.5, rampok: 4.0, rumah kosong: 1.0,
            rusak kunci: 2.0, sepeda hilang: 3.0, sikat: 1.0, skimming: 3.0, sudah tidak ada: 1.5,
            tas ditarik: 3.0, tasnya ditarik: 3.0, terekam cctv: 1.5, tertangkap: 0.5, tertangkap basah: 1.5,
            tidak ada di tempat: 1.5, tilap: 3.0,
        """,
        "ngoko": """
            jimpit: 1.0,
        """,
    },
    "kekerasan": {
        "id": """
            adu jotos: 4.0, adu mulut: 2.0, air keras: 4.0, airsoft gun: 3.0, amuk: 3.0, amuk massa: 4.0,
            ancam: 2.5, ancaman: 2.5, aniaya: 4.0, arit: 2.0, bacok: 4.0, baku hantam: 4.5, banting: 2.0,
            belati: 3.0, bentrok: 3.5, bentrokan: 3.5, berantem: 3.5, berdarah: 1.0, berkelahi: 3.5,
            bogem: 3.0, bom: 2.0, bullying: 0.5, bunuh: 3.0, cakar: 1.5, cekcok: 1.5, cekik: 3.5,
            celurit: 4.0, clurit: 4.0, culik: 3.5, cutter: 2.0, dibawa paksa: 3.0, dijemput paksa: 3.0,
            dikunci: 1.5, dikurung: 3.0, dimasukkan ke mobil: 2.0, dimasukkan paksa: 3.5, dipaksa masuk: 2.5,
            dipaksa masuk mobil: 3.5, diserang: 3.0, diseret: 2.5, diseret masuk: 3.0,
            ditarik masuk mobil: 3.5, ditarik paksa: 2.5, ditarik paksa masuk: 3.5, ditodong: 2.5,
            dorong dorongan: 3.0, doxing: 2.5, duel: 3.0, gangster: 2.5, gebuk: 3.0, geng motor: 1.5,
            golok: 3.0, gorok: 3.5, hajar: 3.0, hakim sendiri: 4.0, injak: 2.0, intimidasi: 2.0, jambak: 2.5,
            jotos: 3.0, kapak: 3.0, kekerasan: 2.5, keributan: 1.5, kericuhan: 3.0, keris: 3.0, keroyok: 4.0,
            kerusuhan: 3.0, ketapel: 2.0, lempar: 2.0, lempar batu: 3.0, lemparan: 1.5, lemparan batu: 3.5,
            lempari: 2.5, lerai: 2.0, luka bacok: 4.5, luka tusuk: 4.5, main hakim sendiri: 4.5,
            main pukul: 3.0, mengamuk: 3.0, molotov: 3.5, mukul: 3.5, ngamuk: 3.0, ngeroyok: 4.0, paksa: 1.0,
            panah: 2.5, parang: 3.0, pedang: 3.0, pelemparan: 3.0, pembacokan: 4.5, pembunuhan: 4.5,
            penculikan: 4.0, penganiayaan: 4.5, pengeroyokan: 4.5, pentungan: 2.0, penusukan: 4.5,
            penyanderaan: 4.5, penyekapan: 4.5, penyerangan: 4.0, penyiksaan: 4.5, perkelahian: 4.0,
            persekusi: 4.0, pertikaian: 3.0, pisau: 2.5, pistol: 3.0, pukul: 3.5, pukuli: 4.0, ribut: 1.0,
            ribut besar: 2.0, ricuh: 2.5, rusuh: 2.0, sabet: 2.5, sabit: 1.5, sajam: 4.0, saling dorong: 3.0,
            saling serang: 4.0, samurai: 3.0, sandera: 4.5, sayat: 3.0, sekap: 4.0, senapan: 3.5,
            senjata: 2.0, senjata api: 4.0, senjata tajam: 4.5, senpi: 3.5, serang: 2.5, siksa: 4.0,
            sikut: 1.5, silet: 2.0, siram air keras: 5.0, sundut: 2.5, tabok: 2.5, tampar: 3.0, tawur: 4.0,
            tawuran: 4.5, tembak: 2.5, tembakan: 3.0, tempeleng: 3.0, tendang: 3.0, tikam: 4.0, todong: 2.5,
            tombak: 3.0, tonjok: 3.0, tusuk: 4.0,
        """,
        "ngoko": """
            antem: 3.0, carok: 4.5, gelut: 3.5, gepuk: 3.0, kaplok: 2.5, kepruk: 3.0,
        """,
    },
    "kdrt_ppa": {
        "id": """
            alat kelamin: 4.5, alat vital: 4.5, anak dipaksa: 4.0, area pribadi: 4.5, asusila: 4.0,
            ayah tiri: 2.0, bagian intim: 4.5, bagian pribadi: 4.5, bapak tiri: 2.0, bapaknya sendiri: 3.0,
            bayi dibuang: 5.0, bayi ditemukan: 3.0, begal payudara: 6.0, bokong: 2.5, buang bayi: 5.0,
            bugil: 3.5, bully: 3.5, buruh anak: 4.5, cabul: 4.5, catcalling: 3.5, chat mesum: 4.0, colek: 2.5,
            diajak ketemuan: 1.5, dibiarkan sendirian: 3.0, dibully: 4.0, dicium paksa: 4.5, dihamili: 4.0,
            dijodohkan paksa: 3.5, dilecehkan: 4.5, dipaksa kerja: 3.5, dipaksa mengemis: 4.5,
            dipegang pegang: 3.5, dipekerjakan: 3.0, dipeluk paksa: 4.0, dipepet: 1.5, dipukul istri: 5.0,
            dipukul suami: 5.0, diraba raba: 4.0, disuruh jualan: 2.5, disuruh kerja: 2.0,
            disuruh mengemis: 4.5, disuruh minta minta: 4.5, disuruh ngamen: 4.0, ditelantarkan: 4.0,
            ditinggal sendirian: 3.0, ekshibisionis: 5.0, eksibisionis: 5.0, eksploitasi: 3.5,
            eksploitasi anak: 5.0, foto aneh: 3.5, foto bugil: 4.0, foto pribadi: 3.0,
            foto tidak senonoh: 4.5, foto vulgar: 4.5, gesek: 1.0, grepe: 4.5, grooming: 4.0, hamili: 3.5,
            ibu tiri: 2.0, intip: 3.0, istri: 0.8, kawin paksa: 4.0, kdrt: 5.0, kekerasan anak: 5.0,
            kekerasan dalam pacaran: 5.0, kekerasan dalam rumah tangga: 5.0, kekerasan pada anak: 5.0,
            kekerasan pada istri: 5.0, kekerasan seksual: 5.0, kekerasan terhadap anak: 5.0,
            kekerasan terhadap perempuan: 5.0, kelamin: 3.5, kelaparan: 1.5, kemaluan: 4.5, kerja paksa: 3.0,
            konten anak: 3.0, leceh: 4.5, lecehkan: 4.5, masturbasi: 4.5, membuang bayi: 5.0,
            mempekerjakan: 3.0, menafkahi: 2.5, menyebarkan foto: 2.5, mertua: 0.8, mesum: 3.0,
            minta foto: 2.0, nafkah: 2.0, ngintip: 3.0, nikah dini: 3.5, nikah siri: 1.5, onani: 4.5,
            open bo: 2.0, organ intim: 4.5, pacaran: 0.5, paha: 2.5, pamer kelamin: 5.0, payudara: 3.5,
            pedofil: 5.0, pegang pegang: 3.0, pekerja anak: 4.5, pekerjakan: 3.0, pelakor: 0.5,
            pelecehan: 4.5, pelecehan seksual: 5.0, pemerkosaan: 5.0, pencabulan: 5.0, penelantaran: 4.0,
            pepet: 1.0, perdagangan orang: 4.0, perkosa: 5.0, pernikahan dini: 3.5, persetubuhan: 5.0,
            perundungan: 4.5, perzinahan: 1.0, pesan porno: 4.5, porno: 3.5, pornografi: 4.5, ppa: 4.0,
            pukul anak: 4.0, pukul istri: 5.0, raba: 3.0, revenge porn: 4.5, rok: 2.0, rudapaksa: 5.0,
            rundung: 4.0, sebar foto: 2.5, sebar video: 2.0, selingkuh: 0.5, sentuh: 1.0, setubuhi: 5.0,
            sextortion: 4.5, sodomi: 5.0, suami: 0.8, telanjang: 3.0, telantar: 2.5, temuan bayi: 4.0,
            terlantar: 2.0, tidak ada makanan: 2.0, tidak diberi makan: 3.0, tidak dikasih makan: 3.0,
            tidak diurus: 3.0, tidak senonoh: 3.5, tppo: 4.5, trafficking: 4.0, vcs: 4.0, video anak: 3.0,
            video call sex: 4.5, video mesum: 4.0, video pribadi: 3.0, video syur: 3.5,
        """,
        "ngoko": """
            bojo: 0.8,
        """,
    },
    "narkoba": {
        "id": """
            aibon: 4.0, alprazolam: 4.5, anggur merah: 2.5, arak: 3.0, bandar: 2.5, bir: 1.0, bong: 2.0,
            bubuk putih: 3.0, cangklong: 2.0, ciblek: 1.0, cimeng: 4.5, ciu: 3.5, daftar g: 4.5, dextro: 4.5,
            dobel l: 4.5, double el: 4.5, double l: 4.5, dumolid: 4.5, edar: 2.0, ekstasi: 5.0, fly: 1.0,
            ganja: 5.0, gele: 3.0, giting: 4.0, golongan g: 4.5, gorila: 2.5, heroin: 5.0, hexymer: 5.0,
            inex: 4.5, jarum suntik: 3.0, jual miras: 5.0, jual pil: 3.0, jualan miras: 5.0, klip: 1.0,
            kokain: 5.0, komix: 3.0, koplo: 3.5, kristal: 2.0, kristal putih: 4.0, kurir: 1.0, lem aibon: 5.0,
            liquid ganja: 5.0, mabuk lem: 4.5, mabuk obat: 3.5, mabuk pil: 4.0, minuman keras: 3.0,
            miras: 3.0, miras oplosan: 5.0, narkoba: 5.0, narkotik: 5.0, narkotika: 5.0, nge fly: 3.0,
            ngelem: 4.5, ngobat: 4.0, nyabu: 5.0, nyabu bareng: 5.0, nyimeng: 4.5, obat daftar g: 5.0,
            obat keras: 4.5, obat penenang: 3.0, obat terlarang: 5.0, oplosan: 4.5, overdosis: 3.0,
            pengedar: 4.5, penjual miras: 5.0, peredaran: 2.0, pesta sabu: 5.0, pil: 1.5, pil koplo: 5.0,
            pil kuning: 3.5, pil ll: 5.0, pil putih: 3.5, plastik klip: 3.0, psikotropika: 5.0, putaw: 5.0,
            riklona: 4.5, sabu: 5.0, sakau: 4.5, serbuk putih: 3.0, shabu: 5.0, sinte: 3.0, tanpa resep: 2.5,
            teler: 2.0, tembakau gorila: 5.0, tembakau sintetis: 5.0, toko miras: 5.0, tramadol: 4.5,
            transaksi: 1.0, trihex: 5.0, tuak: 3.0, warung miras: 5.0, xanax: 4.5, yarindo: 4.5,
        """,
        "ngoko": """
            cukrik: 4.5,
        """,
    },
    "penipuan": {
        "id": """
            admin: 0.5, akun dibajak: 4.5, akun palsu: 4.0, apk: 3.0, apus: 3.0, arisan: 3.0,
            arisan online: 4.0, bajak: 2.5, bansos: 1.5, barang tidak datang: 3.5, barang tidak dikirim: 4.5,
            barang tidak sesuai: 3.0, belanja online: 2.0, biaya admin: 2.5, binary option: 4.5,
            bobol rekening: 4.5, bodong: 3.0, calo: 1.5, catut: 3.5, cek fiktif: 4.0, cek kosong: 4.0,
            cod: 1.0, cs bank: 3.5, data disebar: 3.5, data rekening: 2.5, dc: 1.0, debt collector: 3.0,
            deposit: 2.0, dibajak: 3.5, digelapkan: 4.0, dipinjam lalu dijual: 4.5,
            dipinjam tidak dikembalikan: 4.0, diretas: 4.0, disetor: 1.0, ditagih: 2.0, ditipu: 4.5,
            doxing: 1.0, dp: 1.0, dukun: 1.0, facebook marketplace: 2.0, fiktif: 2.5, file apk: 4.5,
            gadai: 2.5, gadaian: 4.0, gadungan: 4.0, gandakan: 3.0, gelapkan: 3.5, gendam: 4.5,
            giro kosong: 4.0, hack: 3.0, hacker: 3.0, hadiah: 1.5, hipnotis: 4.0, hoaks: 1.5, hoax: 1.5,
            investasi: 2.5, investasi bodong: 5.0, jastip: 1.5, jual beli online: 2.5, kartu kredit: 1.5,
            kebobolan: 2.0, kena tipu: 4.5, kerja online: 2.0, kerugian: 1.0, kirim data: 1.5,
            kirim uang: 2.0, kode: 0.5, kode otp: 4.5, kode verifikasi: 4.0, komisi: 1.5, kuras: 2.5,
            kurir palsu: 4.5, like dan subscribe: 4.0, link: 1.5, link aneh: 3.0, loker palsu: 5.0,
            love scam: 5.0, lowongan kerja palsu: 5.0, m banking: 2.0, mama minta pulsa: 5.0,
            marketplace: 1.5, mbanking: 2.0, menang undian: 4.5, mencatut: 3.5, mengaku: 1.5,
            mengaku dari bank: 5.0, mengaku petugas: 4.5, mengaku polisi: 4.5, mengatasnamakan: 4.0,
            menggandakan: 3.0, minta data: 2.0, minta pulsa: 3.5, minta transfer: 3.0, minta uang: 1.0,
            modus: 2.0, money game: 4.5, ngaku: 1.5, nomor asing: 2.5, nomor rekening: 2.0,
            nomor tidak dikenal: 2.0, olshop: 2.0, online shop: 2.0, otp: 4.0, paket wisata: 1.0, palsu: 2.0,
            part time: 1.5, penagih: 2.0, pencucian uang: 1.5, penggandaan uang: 5.0, penggelapan: 4.0,
            penipu: 4.5, penipuan: 5.0, penipuan online: 5.0, peretasan: 4.0, pesugihan: 3.0, phishing: 4.5,
            phising: 4.5, pin: 1.5, pinjam nama: 2.0, pinjam tidak dikembalikan: 4.0, pinjaman online: 4.5,
            pinjol: 4.5, pinjol ilegal: 5.0, polisi gadungan: 5.0, polisi palsu: 5.0, ponzi: 4.5,
            pura pura: 2.0, pura pura beli: 3.5, rekber: 2.5, rekening: 2.0, rekening penampung: 5.0,
            robot trading: 4.5, rugi: 1.0, saldo hilang: 4.0, saldo terkuras: 4.5, scam: 4.5, scammer: 4.5,
            scamming: 4.5, sebar data: 3.5, seragam polisi palsu: 5.0, shopee: 1.0, skema: 1.0,
            sudah transfer: 2.5, tagih: 1.5, telepon dari: 1.0, terkuras: 3.0, terlibat kasus: 1.5,
            teror: 1.5, tertipu: 4.5, test drive: 3.0, tf: 1.0, tidak dikembalikan: 2.0, tidak dikirim: 3.0,
            tidak memberangkatkan: 4.0, tidak sampai: 1.0, tiket palsu: 4.5, tipu: 4.0, tokopedia: 1.0,
            trading: 2.0, transfer: 1.5, travel: 1.0, travel umroh: 3.0, tugas like: 4.5, uang muka: 1.5,
            uang palsu: 4.5, uang tidak dikembalikan: 3.5, uang tidak kembali: 3.0, umroh: 2.0,
            undangan apk: 4.5, undian: 3.0, verifikasi: 1.0, voucher: 1.0, wanprestasi: 2.5,
        """,
    },
    "gangguan_kamtibmas": {
        "id": """
            adu ayam: 4.5, anak punk: 3.0, asing: 1.0, balap: 2.5, balap liar: 5.0, balapan: 3.0,
            balapan liar: 5.0, balon udara: 4.0, begadang: 1.0, bentrok ormas: 2.0, berisik: 3.0,
            berkeliaran: 2.5, bikin onar: 4.0, bising: 2.5, bleyer: 3.5, brong: 4.0, buntuti: 3.0, cafe: 0.5,
            capjikia: 4.5, cegat: 2.0, corat coret: 3.5, curiga: 2.5, dadu: 2.0, dangdutan: 2.0,
            dentuman: 2.5, dicurigai: 2.0, dikempesi: 1.5, diobrak abrik: 3.0, dipalak: 4.5, domino: 2.5,
            drone: 1.0, gaduh: 2.5, ganggu: 2.0, gangguan: 2.0, gaple: 3.0, geber: 3.5, gedor: 2.0,
            gelandangan: 2.5, geng motor: 3.0, gepeng: 2.0, gerak gerik: 3.0, grafiti: 2.5, grebek: 2.0,
            gudang kosong: 1.0, hadang: 2.5, hiburan malam: 2.5, hingga pagi: 1.0, horeg: 4.5,
            jedag jedug: 4.0, jedug: 2.0, joget: 1.0, judi: 4.5, judi online: 5.0, judol: 5.0, jukir: 3.0,
            jukir liar: 4.5, juru parkir: 3.0, juru parkir liar: 4.5, kafe: 0.5, kamtibmas: 2.0, karaoke: 1.5,
            kartu remi: 2.0, kebisingan: 3.5, kegaduhan: 3.0, keliaran: 2.5, kembang api: 3.5, kempes: 1.0,
            keributan: 2.0, kesurupan: 1.0, knalpot bising: 5.0, knalpot brong: 5.0, knalpot racing: 4.5,
            kompas: 2.0, konvoi: 3.0, kumpul kebo: 3.5, kumpul kumpul: 1.5, kuntit: 3.0, kupon: 1.0,
            layangan: 2.0, live music: 2.0, mabuk: 3.0, mabuk mabukan: 4.0, mabukan: 3.5, main kartu: 2.5,
            main remi: 4.0, maksa: 1.5, mata elang: 3.5, membuntuti: 3.0, mencurigakan: 3.5, mengamati: 1.0,
            mengawasi: 1.5, mengawasi rumah: 3.5, mengganggu: 2.0, menghadang: 2.5, mengintai: 2.5,
            mengintai rumah: 3.5, menguntit: 3.0, mercon: 4.5, meresahkan: 2.5, merusak: 1.5, minum: 0.8,
            minum minum: 2.5, minum miras: 3.0, minuman: 0.5, miras: 1.0, mondar mandir: 3.0, musik: 1.5,
            musik keras: 3.5, muter: 1.0, muter muter: 1.5, ngamen: 2.0, ngawasi: 1.5, ngelem: 0.5,
            nongkrong: 2.0, obrak abrik: 3.0, odgj: 2.5, onar: 3.5, orang asing: 2.0, orang gila: 2.5,
            orang tidak dikenal: 1.5, organ tunggal: 2.0, orkes: 1.5, ormas: 2.0, paksa: 0.5, palak: 4.0,
            parkir: 0.5, pelacuran: 4.0, pemalakan: 4.5, pemerasan: 3.0, pengamen: 2.0, pengemis: 2.0,
            peras: 2.5, perjudian: 5.0, perusakan: 3.0, pesta minuman keras: 4.5, pesta miras: 4.0,
            petasan: 4.5, preman: 4.0, premanisme: 4.5, prostitusi: 4.0, psk: 4.0, pungli: 3.0,
            pungutan liar: 3.5, punk: 2.0, qiu qiu: 4.0, rawan: 1.5, remi: 3.0, resah: 2.0, ribut: 2.0,
            rumah judi: 5.0, sabung ayam: 5.0, salah paham: 2.0, sampai pagi: 1.0, sampai subuh: 1.0,
            sekelompok orang: 1.0, senter: 0.5, slot: 2.0, sound: 1.5, sound horeg: 5.0, sound system: 3.0,
            speaker: 1.5, stalker: 3.0, suara keras: 3.0, suara musik: 2.5, sweeping: 2.5, tarif parkir: 3.0,
            taruhan: 3.5, tato: 0.5, tempat hiburan: 2.0, tengah malam: 0.8, teriak: 1.0, teriak teriak: 2.0,
            tidak aman: 1.0, tidak bisa istirahat: 2.0, tidak bisa tidur: 2.0, tidak dikenal: 1.0, togel: 5.0,
            trek: 2.0, trek trekan: 5.0, trekan: 4.0, tukang parkir: 2.5, vandal: 3.5, vandalisme: 4.0,
            volume: 1.0,
        """,
        "ngoko": """
            keplek: 4.5, mendem: 3.0, ngompas: 4.0,
        """,
    },
    "orang_hilang": {
        "id": """
            lepas dari rumah: 3.5, pergi tanpa pamit: 3.0, keluar rumah tanpa pamit: 3.0,
            alzheimer: 4.5, anak hilang: 3.0, anak saya hilang: 3.0, bantu cari: 3.0, bantu mencari: 3.0,
            belum kembali: 3.0, belum ketemu: 2.5, belum pulang: 3.5, belum sampai: 1.5, belum turun: 3.5,
            berbaju: 2.0, bingung: 1.0, cari: 0.8, cari anak: 3.0, cari keluarga: 4.0, cari orangtua: 4.5,
            ciri: 1.5, ciri ciri: 3.0, demensia: 4.5, dicari: 1.5, dicari keluarga: 4.0, ditemukan: 1.0,
            gangguan jiwa: 1.0, hanyut: 1.0, hilang anak: 3.0, hilang ingatan: 4.0, hilang kontak: 4.0,
            hp tidak aktif: 2.5, jalan sendirian: 2.5, kabur dari rumah: 4.5, kaos: 0.8, keluar rumah: 1.5,
            keluarga mencari: 3.5, keluarganya: 0.5, keluyuran: 2.0, kesasar: 4.0, lepas dari pengawasan: 4.0,
            linglung: 4.0, lost contact: 4.0, lupa alamat: 4.0, lupa jalan pulang: 4.5, memakai baju: 2.0,
            menangis sendirian: 3.5, mencari: 0.8, mencari anak: 3.0, mencari ibunya: 4.5,
            mencari keluarga: 4.0, mencari mamanya: 4.5, mencari orangtua: 4.5, menemukan: 1.0, minggat: 4.0,
            mohon bantu cari: 3.0, nangis sendirian: 3.5, nomor tidak aktif: 2.0, nyasar: 4.0,
            orang hilang: 5.0, pakai baju: 1.5, pamit: 1.0, pendaki hilang: 5.0, pergi dari rumah: 4.0,
            pikun: 4.0, sendirian: 1.5, susah dihubungi: 2.0, tanpa pamit: 2.5, terakhir dilihat: 4.5,
            terakhir kali: 2.0, terakhir pamit: 3.0, terakhir terlihat: 4.5, terlepas dari pengawasan: 4.0,
            terpisah: 3.0, terpisah dari: 3.5, tersesat: 4.0, tidak ada kabar: 3.0, tidak bisa dihubungi: 3.0,
            tidak bisa pulang: 3.0, tidak dapat dihubungi: 3.0, tidak ingat: 2.5, tidak ingat alamat: 4.5,
            tidak ingat rumah: 4.5, tidak kembali: 2.5, tidak ketemu: 2.0, tidak kunjung pulang: 4.0,
            tidak pamit: 2.5, tidak pulang: 3.5, tidak sampai rumah: 3.0, tidak sampai sekolah: 3.0,
            tidak tahu jalan pulang: 4.5, tidak tahu pulang: 4.5, tidak tahu rumahnya: 4.5, tidak turun: 2.5,
            tinggi badan: 2.5,
        """,
    },
    "kebakaran_bencana": {
        "id": """
            abu vulkanik: 5.0, air bah: 5.0, air masuk rumah: 4.0, air naik: 2.5, amblas: 2.5, ambles: 1.5,
            ambrol: 3.0, ambruk: 3.0, angin kencang: 4.0, angin ribut: 4.0, api: 3.0, arus: 0.5,
            arus pendek: 4.5, asap: 2.5, asap hitam: 4.0, asap pekat: 4.0, asap tebal: 4.0, atap: 1.0,
            atap roboh: 4.5, bakar: 2.5, bakar sampah: 3.0, baliho: 1.0, baliho roboh: 4.5, banjir: 5.0,
            banjir bandang: 5.0, banjir lumpur: 5.0, bara: 2.0, bau gas: 4.5, bau hangus: 3.5, bencana: 4.0,
            bocor gas: 5.0, cabang patah: 3.5, dahan patah: 4.0, damkar: 4.0, dievakuasi: 1.0,
            dinding roboh: 4.5, disambar petir: 5.0, drainase: 2.0, elpiji: 2.5, emo_api: 1.5,
            emo_banjir: 3.0, emo_damkar: 3.0, erupsi: 5.0, evakuasi: 1.0, gardu: 1.0, gardu listrik: 3.0,
            gardu pln: 3.0, gas: 1.0, gas bocor: 5.0, gas elpiji bocor: 5.0, gempa: 5.0, genangan: 2.0,
            genteng: 1.0, gosong: 2.0, got: 1.0, hangus: 3.5, hanyut: 3.0, hujan: 1.0, hujan abu: 4.5,
            hujan angin: 4.0, hujan deras: 2.0, hujan es: 3.0, ilalang: 1.5, jebol: 2.0, kabel: 1.0,
            kabel kusut: 2.0, kabel listrik: 3.0, kabel listrik jatuh: 4.5, kabel listrik menjuntai: 4.5,
            kabel listrik putus: 5.0, kabel menggantung: 3.5, kabel menjuntai: 4.0, kabel putus: 4.0,
            karhutla: 5.0, kebakaran: 5.0, kebanjiran: 5.0, kebawa arus: 3.0, kebocoran gas: 5.0,
            kepulan asap: 4.0, keseret arus: 4.0, kesetrum: 4.0, kobaran: 4.0, kompor: 2.0,
            kompor meledak: 5.0, konslet: 4.5, konsleting: 4.5, korslet: 4.5, korsleting: 4.5,
            lahan terbakar: 5.0, ledakan: 3.5, lesus: 4.5, listrik: 1.5, longsor: 5.0, lpg: 2.5, luapan: 3.5,
            lumpur: 1.5, material longsor: 5.0, meledak: 3.5, meluap: 3.5, membara: 3.0, miring: 1.0,
            padam: 1.0, papan reklame: 1.5, pemadam: 4.0, percikan: 2.5, percikan api: 4.5, petir: 3.0,
            plengsengan: 3.5, pohon: 1.0, pohon roboh: 5.0, pohon tumbang: 5.0, puting beliung: 5.0,
            ranting: 1.0, reklame roboh: 4.5, roboh: 3.0, rumah roboh: 4.5, rumah terbakar: 5.0, runtuh: 3.0,
            sampah dibakar: 3.0, selokan meluap: 4.5, setinggi dada: 3.0, setinggi lutut: 2.0,
            setinggi pinggang: 3.0, setrum: 3.0, sumur: 0.5, sungai: 1.0, tabung gas: 3.0,
            tabung gas bocor: 5.0, tanah amblas: 4.5, tanah ambles: 4.5, tanah bergerak: 4.5,
            tanah gerak: 4.5, tanah longsor: 5.0, tanah retak: 3.5, tanggul: 2.0, tanggul jebol: 5.0,
            tebing: 2.0, tebing runtuh: 4.5, tembok roboh: 4.5, tenggelam: 2.5, terbakar: 4.5,
            terbawa arus: 3.5, tergenang: 3.0, terkubur: 2.0, tersambar petir: 5.0, terseret arus: 4.0,
            tersetrum: 4.0, tertimbun: 3.0, tiang listrik: 2.0, tiang miring: 2.5, tiang roboh: 4.0,
            trafo: 3.0, tumbang: 3.5, ungsi: 2.5, warung terbakar: 5.0,
        """,
        "ngoko": """
            bau sangit: 2.5, kobong: 4.5,
        """,
    },
    "layanan_polisi": {
        "id": """
            110: 1.5, alamat polres: 4.0, alamat polsek: 4.0, ambil barang bukti: 3.5, antre: 1.0,
            antrian: 1.5, apa benar: 1.0, atm hilang: 2.5, bagaimana kelanjutan: 3.0, balik nama: 3.5,
            barang bukti: 2.0, bayar tilang: 3.5, berapa biaya: 3.0, biaya: 1.5, bikin sim: 5.0, blanko: 3.0,
            blokir stnk: 3.0, bpkb: 3.5, buat sim: 5.0, buka jam: 3.0, buku tabungan: 2.0, cabut berkas: 3.5,
            call center: 3.0, cara bikin: 3.0, cara buat: 3.0, cara lapor: 3.0, cara melapor: 3.0,
            cara membuat: 3.0, cara mengurus: 3.5, cara urus: 3.5, cek fisik: 3.5, daftar online: 3.0,
            denda: 1.5, denda tilang: 3.5, dikembalikan: 1.0, dumas: 1.0, etle: 3.5, ganti plat: 3.0,
            ganti rugi: 0.5, hotline: 2.5, ijazah: 2.0, ijin: 2.0, ijin acara: 4.5, ijin keramaian: 5.0,
            informasi: 1.0, ingin bertanya: 2.0, izin: 2.0, izin acara: 4.5, izin keramaian: 5.0,
            jam buka: 4.0, jam operasional: 4.0, jam pelayanan: 4.0, kartu keluarga: 2.0, kawal: 2.0,
            kehilangan dompet: 2.0, kehilangan ijazah: 3.5, kehilangan kartu: 2.5, kehilangan ktp: 3.5,
            kehilangan sim: 3.5, kehilangan stnk: 3.5, kelanjutan: 1.5, kontak: 1.0, ktp hilang: 3.0,
            lapor diri: 2.0, lapor kehilangan: 4.0, lapor online: 2.0, laporan kehilangan: 4.0,
            laporan online: 2.5, layanan: 1.5, legalisir: 4.0, masa berlaku: 3.0, mau tanya: 2.0,
            minta patroli: 2.5, mohon informasi: 2.0, mohon patroli: 2.5, mutasi: 2.5, ngurus: 1.5,
            nomor: 1.0, nomor ambulans: 5.0, nomor damkar: 5.0, nomor darurat: 5.0, nomor laporan: 3.5,
            nomor pengaduan: 2.5, nomor polres: 5.0, nomor polsek: 5.0, nomor telepon: 2.0, nomor wa: 3.0,
            numpang tanya: 2.5, pajak kendaraan: 3.5, patroli: 1.0, pelayanan: 1.0, pembuatan: 1.5,
            pengajuan: 1.5, pengawalan: 3.5, penyuluhan: 3.0, perkembangan laporan: 5.0, perpanjang: 3.0,
            perpanjangan: 3.5, persyaratan: 3.5, plat nomor: 1.0, polisi masuk sekolah: 2.0, polsek mana: 3.0,
            progres laporan: 5.0, prosedur: 2.0, psikotes: 3.0, rehabilitasi: 2.0, rekomendasi: 2.0,
            resmi: 1.0, sampai mana: 3.0, samsat: 3.5, satpas: 4.5, sidang tilang: 3.5, sim: 3.0, sim a: 4.0,
            sim b: 3.5, sim c: 4.0, sim d: 3.5, sim hilang: 3.5, sim internasional: 4.5, sim keliling: 5.0,
            sim mati: 3.5, skck: 5.0, sosialisasi: 2.5, sp2hp: 5.0, stnk: 3.0, stnk hilang: 3.5,
            sudah sampai mana: 3.5, surat ijin: 3.0, surat izin: 3.0, surat jalan: 2.0, surat kehilangan: 5.0,
            surat keterangan: 2.5, surat keterangan hilang: 5.0, surat keterangan kehilangan: 5.0,
            surat pengantar: 2.5, syarat: 3.0, tanya: 1.0, tes psikologi: 3.0, tilang: 2.0,
            tilang elektronik: 4.0, tindak lanjut laporan: 2.5, tnkb: 3.0, uji klinik: 3.0,
            ujian praktik: 3.5, ujian sim: 5.0, urus: 1.5, visum: 1.0,
        """,
    },
    "pengaduan_petugas": {
        "id": """
            86: 2.0, agar diproses: 2.5, anggota mabuk: 4.0, arogan: 3.5, backing: 3.5, bawa rokok: 3.0,
            bayar di sini: 3.0, beking: 4.0, bekingi: 4.5, beli bensin: 2.5, bentak: 3.0, berbelit: 3.0,
            berbulan bulan: 1.5, berpakaian preman: 2.0, berpihak: 2.5, berseragam: 2.0, biar diproses: 2.5,
            biaya administrasi: 2.5, damai di tempat: 4.5, datang besok: 1.5, diabaikan: 3.5, dibentak: 3.5,
            dicuekin: 3.5, dicuekkan: 3.5, dilempar lempar: 3.5, dimarahi: 1.5, dimintai uang: 2.0,
            dioper: 2.5, diperas: 1.0, dipersulit: 4.0, dipidanakan: 3.0, diping pong: 4.0,
            disuruh damai: 3.0, disuruh datang besok: 3.0, disuruh kembali: 2.0, disuruh menunggu: 2.0,
            disuruh pulang: 2.5, ditolak: 2.0, dituduh: 2.0, empati: 2.0, geledah: 1.5, genit: 1.5,
            imbalan: 2.5, jalur belakang: 2.5, judes: 3.0, kasar: 2.5, kecewa: 1.5, ketawa: 1.5, ketus: 3.0,
            kinerja: 2.0, kode etik: 4.0, kriminalisasi: 4.0, kurang ajar: 2.0, lama sekali: 1.0, lambat: 1.0,
            laporan ditolak: 4.5, laporan kami: 1.0, laporan saya: 1.0, mabuk saat tugas: 5.0, main hp: 1.0,
            membekingi: 4.5, membentak: 3.0, meminta biaya: 3.0, mempersulit: 4.0, mempidanakan: 3.0,
            menahan sim: 3.0, menelantarkan laporan: 4.5, menertawakan: 3.0, mengecewakan: 2.0, menggoda: 1.5,
            menolak laporan: 4.5, menuduh: 2.0, menyalahkan: 2.0, menyarankan berdamai: 3.5, minta duit: 1.5,
            minta rokok: 2.5, minta uang: 1.5, nembak sim: 3.0, oknum: 3.0, oknum anggota: 4.5,
            oknum mabuk: 4.5, oknum petugas: 4.5, oknum polisi: 5.0, pelayanan buruk: 4.0,
            pelayanan jelek: 4.0, pelayanan lambat: 3.5, pelicin: 3.5, pemerasan: 0.5,
            penyalahgunaan wewenang: 4.5, petugas mabuk: 4.0, pidanakan: 3.0, pilih kasih: 3.0,
            polisi mabuk: 4.0, polisi nakal: 4.0, propam: 4.5, provos: 3.5, pungli: 1.5, pungutan liar: 1.5,
            rekayasa: 3.0, rokok: 1.0, salah sendiri: 2.5, salah tangkap: 4.5, salam tempel: 3.5,
            seragam: 1.0, setoran: 2.0, sewenang: 3.5, sim ditahan: 3.0, sogok: 3.0, sok kuasa: 3.0,
            stnk ditahan: 3.0, suap: 3.0, supaya diproses: 2.5, suruh datang besok: 3.0, tanpa surat: 1.5,
            tanpa surat tilang: 4.0, tebusan: 2.0, tidak ada anggota: 3.0, tidak ada empati: 4.0,
            tidak ada kabar: 0.5, tidak ada perkembangan: 3.5, tidak ada surat tilang: 4.0,
            tidak ada tindak lanjut: 4.0, tidak adil: 2.0, tidak diangkat: 4.0, tidak digubris: 3.5,
            tidak dihiraukan: 3.5, tidak dikasih surat tilang: 4.0, tidak diladeni: 3.0, tidak dilayani: 3.5,
            tidak diproses: 4.0, tidak direspon: 3.5, tidak direspons: 3.5, tidak ditanggapi: 3.5,
            tidak ditindaklanjuti: 4.0, tidak jelas: 1.0, tidak mau mencatat: 4.5, tidak mau menerima: 3.5,
            tidak mau tahu: 2.5, tidak nyaman: 1.5, tidak pantas: 3.0, tidak peduli: 2.5,
            tidak pernah datang: 3.0, tidak pernah hadir: 3.0, tidak pernah patroli: 3.0,
            tidak pernah turun: 2.5, tidak profesional: 4.0, tidak sopan: 3.0, tidak usah sidang: 3.5,
            tidur: 0.5, tilang tanpa: 2.0, uang bensin: 2.5, uang damai: 4.0, uang jalan: 2.5, uang kopi: 3.0,
            uang lelah: 2.5, uang rokok: 3.0,
        """,
    },
    "lainnya": {
        "id": """
            akik: 2.5, akun ini: 2.0, akun resmi: 3.0, almarhum: 1.0, anjing: 1.0, apresiasi: 1.0,
            assalamualaikum: 0.5, batas tanah: 2.5, batu akik: 3.0, berduka: 2.5, bergaransi: 3.0,
            bhayangkara: 3.0, cantik: 1.5, cepat cair: 3.0, cepat tanggap: 2.0, dijual: 1.0, dinas: 1.0,
            dinas mana: 2.5, dinas terkait: 2.0, dirgahayu: 3.0, diskon: 2.0, emo_suka: 1.0, enak: 0.5,
            follow: 1.5, ganteng: 2.0, giveaway: 1.5, gonggong: 2.0, hai: 0.5, halo: 0.5, harga: 1.0,
            harga nego: 3.0, hebat: 0.8, humble: 1.5, husnul khotimah: 3.0, ini nomor: 3.0, innalillahi: 2.5,
            jasa: 1.5, jual: 0.5, keren: 1.0, klik link: 2.0, konten: 1.0, kotoran: 1.5, kucing: 1.5,
            lagu: 1.5, lalat: 1.5, lomba: 1.5, lowongan: 1.5, luar biasa: 1.0, maaf merepotkan: 2.0,
            mantap: 1.0, mendoakan: 2.0, menjorok: 2.0, minat: 1.0, nego: 2.0, ngopi: 0.5, nomor ini: 3.0,
            open order: 3.0, pdam: 3.0, pelayanan luar biasa: 2.0, pemkot: 1.5, penerangan jalan: 2.0,
            piket: 1.0, promo: 2.0, ready stock: 3.0, salah kirim: 4.0, salut: 1.0, sampah: 2.5,
            sangat membantu: 2.0, sehat: 1.0, selamat malam: 0.5, selamat pagi: 0.5, selamat siang: 0.5,
            semangat: 1.0, semoga: 0.5, sengketa: 2.0, sigap: 1.5, sukses: 1.0, talang: 1.5,
            tanah warisan: 2.5, tanpa jaminan: 2.0, terima kasih: 1.0, ternyata: 1.0, tes: 0.8, test: 0.8,
            tetangga: 0.8, turut berduka: 3.0, wkwk: 1.0, wkwkwk: 1.0,
        """,
    },
}

# cue -> register -> word spec; a cue is a concept the rules ask about ("is there a weapon?")
CUES: dict[str, dict[str, str]] = {
    "past": {
        "id": """
            baru sadar, baru tahu, beberapa hari, beberapa waktu lalu, beberapa waktu yang lalu,
            berbulan bulan, berhari hari, berminggu minggu, bulan kemarin, bulan lalu, bulan yang lalu,
            dua hari, dua minggu, dulu, hari lalu, hari yang lalu, hari yg lalu, jumat lalu, kala itu,
            kemarin, kemarin lusa, kemarin malam, kemarin pagi, kemarin siang, kemarin sore, ketahuan,
            lebaran kemarin, lebaran lalu, lusa, malam tadi, mau malam, minggu kemarin, minggu lalu,
            minggu malam, minggu yang lalu, pas mudik, pas pulang, pekan lalu, pernah, saat mudik, sabtu lalu,
            sebulan, sejak kemarin, sejak semalam, semalam, seminggu, seminggu terakhir, semingguan,
            sepekan terakhir, setahun, tadi malam, tahun kemarin, tahun lalu, tahun yang lalu, tanggal,
            tempo hari, tiga hari, tiga minggu, waktu itu, waktu mudik,
        """,
        "ngoko": """
            mau bengi, wingi malam,
        """,
    },
    "fresh": {
        "id": """
            barusan saja, beberapa saat lalu, sesaat lalu, setengah jam lalu, satu jam lalu, sejam lalu,
            baru aja, baru banget, baru saja, baru terjadi, barusan, beberapa menit, dini hari tadi, hari ini,
            jam lalu, jam yang lalu, just now, menit, menit lalu, menit yang lalu, pagi ini, saat ini juga,
            sejam, setengah jam, siang ini, sore ini, subuh tadi, tadi, tadi pagi, tadi siang, tadi sore,
            tadi subuh,
        """,
        "ngoko": """
            mau_ae,
        """,
    },
    "ongoing": {
        "id": """
            belum padam, belum surut, berlangsung, dari tadi, detik ini, di depan rumah saya, di depan saya,
            dikejar, dikepung, kedengaran, lagi, lagi berlangsung, live, lokasi sekarang, makin besar,
            malam ini, masih, masih ada, masih berkeliaran, masih berlangsung, masih di dalam,
            masih di lokasi, masih di sekitar, masih di sini, masih di situ, masih di tkp, masih jalan,
            masih mengamuk, masih menyala, masih nekat, mengejar, menjalar, menunggu di sini, merembet,
            mumpung, on the spot, posisi, right now, saat ini, sedang, sedang berlangsung, sedang terjadi,
            sejak tadi, sekarang, sekarang juga, semakin besar, terdengar jeritan, terdengar suara,
            terdengar teriakan, terjebak, terus naik, tkp, tunggu di sini,
        """,
        "krama": """
            sakmenika, taksih,
        """,
    },
    "recurring": {
        "id": """
            berturut turut, malam berturut,
            2 kali, 3 kali, akhir akhir ini, beberapa kali, belakangan, belakangan ini, ben malam, berkali,
            berkali kali, bertahun tahun, berulang, ditertibkan, dua kali, hampir tiap, hingga saat ini,
            hingga sekarang, kerap, kerap kali, langganan, mesti, minta ditertibkan, minta patroli,
            mohon ditertibkan, mohon patroli, rutin, saban, saben, sampai hari ini, sampai saat ini,
            sampai sekarang, sejak lama, selalu, sering, seringkali, setiap, setiap hari, setiap kali,
            setiap malam, setiap minggu, sudah 2 kali, sudah beberapa kali, sudah dua kali, sudah lama,
            terus menerus, terus terusan, tiap, tiap hari, tiap kali, tiap malam, tiap minggu, tiga kali,
            tolong ditertibkan, tolong patroli, yang suka,
        """,
        "ngoko": """
            ben dino,
        """,
    },
    "urgent": {
        "id": """
            ayo bantu, bahaya, buruan, butuh bantuan, cepat, cepet, cepetan, darurat, emergency, emo_bahaya,
            emo_sirene, emo_sos, emo_takut, gawat, help me, minta bantuan, minta tolong, mohon bantuan,
            mohon bantuan segera, mohon segera, mohon tolong, secepatnya, segera, sos, tolong, tolong cepat,
            tolong tolong, urgen, urgent,
        """,
    },
    "injury": {
        "id": """
            tidak bisa bangun, tidak bisa berdiri, tidak kuat berdiri, tidak bisa bangkit, napas berat, napasnya berat,
            napas lemah, napasnya lemah, sulit dibangunkan, susah dibangunkan, tidak bisa dibangunkan,
            ada orang di dalam, ambulance, ambulans, babak belur, banyak darah, belum bangun,
            belum bisa diangkat, belum bisa dikeluarkan, belum bisa keluar, bengkak, benjol, berdarah,
            berlumuran darah, bersimbah, bersimbah darah, bonyok, bunuh diri, cedera, cekik, dahi sobek,
            darah, darah banyak, darahnya banyak, dehidrasi, dicekik, dilarikan, emo_ambulans, emo_darah,
            emo_mati, gantung diri, gegar, gegar otak, hanyut, igd, jatuh ke sumur, jenazah, kebawa arus,
            kejang, kejang kejang, kelaparan, keluar darah, kepala bocor, kepala sobek, keracunan,
            keseret arus, kesetrum, klenger, koma, korban, korban jiwa, kritis, lebam, lemas kelaparan, luka,
            luka bacok, luka bakar, luka berat, luka luka, luka parah, luka robek, luka sobek, luka tusuk,
            masih di bawah, masih hidup, masuk sumur, mati, mati di tempat, mau bunuh diri, mau lompat,
            mau loncat, mau terjun, mayat, memar, mencekik, mengakhiri hidup, mengerang, meninggal,
            meninggal di tempat, meninggal dunia, mimisan, minum racun, mulut berbusa, mulutnya berbusa,
            muntah darah, nyawa, nyeri dada, orang di dalam, overdosis, patah, patah tulang, pelipis robek,
            pelipis sobek, pendarahan, percobaan bunuh diri, perdarahan, pingsan, rumah sakit, sakit di dada,
            sekarat, semaput, sesak, sesak nafas, sesak napas, sulit bernafas, sulit bernapas, susah bernapas,
            susah nafas, susah napas, tak bergerak, tenggelam, terbakar hidup, terbawa arus, tercebur sumur,
            tergeletak, tergencet, terhimpit, terjebak, terjebak di dalam mobil, terjepit, terkapar, terkubur,
            terkunci di dalam mobil, terkunci di mobil, terlindas, terluka, terperangkap, terperosok sumur,
            tersengat listrik, terseret, terseret arus, tersetrum, tertimbun, tertimpa, tertindih, tewas,
            tidak bangun, tidak bergerak, tidak bernafas, tidak bernapas, tidak bisa bangun,
            tidak bisa berdiri, tidak bisa bergerak, tidak bisa berjalan, tidak bisa bernafas,
            tidak bisa bernapas, tidak bisa diangkat, tidak bisa dikeluarkan, tidak bisa jalan,
            tidak bisa keluar, tidak bisa napas, tidak sadar, tidak sadar diri, tidak sadarkan diri, ugd,
        """,
        "ngoko": """
            tidak eling,
        """,
    },
    "minor": {
        "id": """
            baret, cuma kaget, cuma lecet, hanya lecet, keseleo, lecet, lecet lecet, lecet ringan, luka kecil,
            luka ringan, luka sedikit, memar ringan, memar sedikit, tergores, terkilir,
        """,
    },
    "reassure": {
        "id": """
            aman terkendali, api padam, berhasil dipadamkan, berhasil ditemukan, dibalut, dibawa ke klinik,
            dibawa ke puskesmas, dibawa ke rs, dibawa ke rumah sakit, dilerai, dipisahkan warga, kondisi aman,
            kondusif, pos kesehatan, sekarang aman, selamat, semua selamat, situasi aman, sudah aman,
            sudah baik, sudah berdamai, sudah bubar, sudah di rumah, sudah diamankan, sudah diantar,
            sudah dibalut, sudah dibawa, sudah dibawa pulang, sudah dibersihkan, sudah dibubarkan,
            sudah dievakuasi, sudah dijahit, sudah dijemput, sudah dilerai, sudah diobati, sudah dipadamkan,
            sudah diperbaiki, sudah diperban, sudah dipinggirkan, sudah dipisah, sudah dipotong,
            sudah dirawat, sudah disingkirkan, sudah ditangani, sudah ditangkap, sudah ditemukan,
            sudah ditolong, sudah diurus, sudah istirahat, sudah kembali, sudah ketemu, sudah kondusif,
            sudah lancar, sudah membaik, sudah normal, sudah opname, sudah padam, sudah pulang,
            sudah pulang dari rs, sudah pulang dari rumah sakit, sudah reda, sudah sadar, sudah selesai,
            sudah siuman, sudah surut, sudah tenang, sudah tertangani, sudah tidur, terkendali, tertangani,
        """,
    },
    "weapon": {
        "id": """
            air keras, airsoft gun, arit, bacok, balok, bambu, batu, belati, besi, bom, botol, celurit,
            clurit, cutter, emo_pisau, emo_pistol, gir, golok, gunting, ikat pinggang, kapak, kayu, keris,
            linggis, molotov, obeng, palu, panah, parang, pecahan botol, pedang, pembacokan, pentungan,
            penusukan, pipa, pisau, pistol, rantai, sabit, sajam, samurai, sapu, sayat, senapan, senjata,
            senjata api, senjata tajam, senpi, silet, stik golf, tembak, tikam, tombak, tongkat, tusuk,
        """,
    },
    "vulnerable": {
        "id": """
            belum minum obat, tidak minum obat, telat minum obat, putus obat,
            adik kecil, alzheimer, anak, anak kecil, anaknya, autis, autisme, ayan, balita, batita, bayi,
            berkebutuhan khusus, bingung, bipolar, bunuh diri, cucu, demensia, depresi, difabel, disabilitas,
            down syndrome, epilepsi, gangguan jiwa, gangguan kejiwaan, gangguan mental, gunung, hamil, hutan,
            jompo, kakek, kecil, keterbelakangan, keterbelakangan mental, lanjut usia, lansia, linglung,
            lumpuh, lupa ingatan, murid, nenek, odgj, paud, pelajar, pelo, pendaki, pikun, sakit, sakit jiwa,
            santri, sd, siswa, siswi, skizofrenia, stroke, struk, tk, tua, tuna netra, tuna rungu,
            tuna wicara, tunanetra, tunarungu, tunawicara,
        """,
        "ngoko": """
            arek cilik, arek kecil, bocah,
        """,
        "krama": """
            sepuh, tiyang sepuh,
        """,
    },
    "child": {
        "id": """
            adik kelas, anak, anak kecil, anak perempuan, anak saya, anak sd, anak tiri, anaknya, balita,
            batita, bayi, bocil, di bawah umur, dibawah umur, kakak kelas, murid, paud, pelajar, santri, sd,
            siswa, siswi, siswi sma, siswi smp, smp, teman sekelas, teman sekolah, tk,
        """,
        "ngoko": """
            arek cilik, arek kecil, bocah,
        """,
    },
    "family": {
        "id": """
            ayah tiri, ayahnya, ayahnya sendiri, bapak tiri, bapaknya, ceweknya, cowoknya, dari dalam rumah,
            di dalam rumah, ibu tiri, ibunya, ipar, istri, istrinya, kakaknya, kakaknya sendiri,
            keluarga sendiri, majikan, mantan pacar, mertua, orangtuanya, pacar, pacarnya, pamannya,
            rumah tangga, suami, suaminya, tiri,
        """,
        "ngoko": """
            bojo, bojone,
        """,
    },
    "group": {
        "id": """
            anak punk, antar kampung, antar pelajar, antar sekolah, antarpelajar, bentrok, gangster, geng,
            geng motor, gerombolan, kelompok, konvoi, massa, perang sarung, perguruan, pesilat, punk, remaja,
            rombongan, sekelompok, suporter, tawur, tawuran,
        """,
    },
    "sexual": {
        "id": """
            area pribadi, asusila, bagian intim, bagian pribadi, bokong, bugil, cabul, colek, foto aneh,
            grepe, intip, kelamin, kemaluan, leceh, lecehkan, mesum, minta foto, onani, payudara, pelecehan,
            perkosa, raba, rudapaksa, setubuhi, sodomi, telanjang, tidak senonoh, vcs,
        """,
    },
    "officer": {
        "id": """
            aipda, aiptu, akp, anggota, anggota polisi, anggota polsek, aparat, babin, babinkamtibmas,
            bapak polisi, bhabin, bhabinkamtibmas, binmas, brigadir, brimob, bripda, bripka, briptu, intel,
            ipda, iptu, kanit, kapolres, kapolsek, kepolisian, kompol, oknum, oknum polisi, pak pol,
            pak polisi, pakpol, penyidik, petugas, petugas kepolisian, petugas polisi, petugas samsat,
            petugas spkt, polantas, polisi, polisi lalu lintas, polres, polresta, polri, polsek, polwan,
            pos polisi, provos, reskrim, sabhara, samapta, satlantas, satpas, satreskrim, seragam polisi,
            spkt, unit reskrim,
        """,
    },
    "misconduct": {
        "id": """
            86, abaikan, agar diproses, ancam, aniaya, arogan, backing, bawa rokok, bayar di sini, beking,
            bekingi, beli bensin, bentak, berbelit, biar diproses, biaya administrasi, cuek, damai,
            damai di tempat, datang besok, diabaikan, dibentak, dicuekin, dilempar, dimarahi, dimintai,
            dimintai uang, diperas, dipersulit, dipidanakan, disuruh datang besok, disuruh kembali,
            disuruh pulang, ditolak, dituduh, gas air mata, geledah, genit, hina, imbalan, intimidasi,
            jalur belakang, judes, kasar, ketawa, ketus, kriminalisasi, kurang ajar, mabuk, main hp, maki,
            maksa, malah, marah, memaki, memaksa, membekingi, membentak, memeras, meminta, meminta biaya,
            mempermainkan, mempersulit, mempidanakan, menahan sim, menawarkan, menelantarkan, menertawakan,
            mengancam, menganggap, menggeledah, menggoda, menghina, menolak, menuduh, menyalahkan,
            menyarankan berdamai, menyemprot, minta, minta biaya, minta duit, minta rokok, minta uang,
            mobil dinas, mukul, nembak sim, nitip, nyemprot, paksa, pelayanan buruk, pelayanan jelek,
            pelayanan lambat, pelicin, peluru karet, pemerasan, pentungan, peras, pidanakan, pukul, pungli,
            pungutan liar, rekayasa, rokok, salah sendiri, salah tangkap, seenaknya, semena mena, semprot,
            setoran, sewenang, sewenang wenang, sim ditahan, sogok, sok kuasa, stnk ditahan, strobo, suap,
            sulit dihubungi, supaya diproses, suruh datang besok, susah dihubungi, tampar, tanpa alasan,
            tanpa alasan jelas, tanpa bukti, tanpa memberi, tanpa surat, tanpa surat bukti,
            tanpa surat tilang, tebusan, tendang, tidak ada anggota, tidak ada empati, tidak ada perkembangan,
            tidak ada respon, tidak ada surat tilang, tidak ada tindak lanjut, tidak diangkat, tidak digubris,
            tidak dihiraukan, tidak dilayani, tidak diproses, tidak direspon, tidak direspons,
            tidak ditanggapi, tidak ditindaklanjuti, tidak mau memberi, tidak mau mencatat,
            tidak mau menerima, tidak mau ngasih, tidak mau tahu, tidak menanggapi, tidak menyebutkan pasal,
            tidak merespon, tidak nyaman, tidak pantas, tidak peduli, tidak pernah datang, tidak pernah hadir,
            tidak pernah patroli, tidak pernah turun, tidak profesional, tidak sopan, tidak usah sidang,
            titip, tolak, uang bensin, uang damai, uang jalan, uang kopi, uang lelah, uang rokok,
            water cannon,
        """,
    },
    "impersonate": {
        "id": """
            abal abal, atas nama, berpura pura, catut, gadungan, mencatut, mengaku, mengaku dari,
            mengaku ngaku, mengatasnamakan, menyamar, mirip polisi, ngaku, ngaku dari, ngaku jadi,
            ngaku ngaku, palsu, polisi gadungan, polisi palsu, pura pura, pura pura jadi, tanpa nama,
            tidak ada nama,
        """,
    },
    "question": {
        "id": """
            apa benar, apakah, apakah benar, bagaimana, berapa, bertanya, bisa lapor, bisakah, boleh, cara,
            caranya, di mana, diapain, diapakan, dimana, harus apa, harus bagaimana, informasi, jam berapa,
            kapan, ke mana, kemana, lapor ke mana, mana, mau tanya, minta info, minta informasi, mohon info,
            mohon informasi, persyaratan, prosedur, sebaiknya, syarat, tanya,
        """,
    },
    "person": {
        "id": """
            adik, adik kecil, adiknya, anak, anaknya, ayah, ayahnya, balita, bapak, bapaknya, bayi, bibi,
            bude, cucu, ibu, ibunya, istri, istrinya, kakak, kakek, keluarga, keponakan, laki, lansia,
            mahasiswa, mahasiswi, mas, mbah, mbah mbah, mbak, nenek, om, orang, orang tua, orangtua, pakde,
            paman, pelajar, pendaki, perempuan, pria, putra, putri, remaja, santri, saudara, sepupu, siswa,
            siswi, suami, suaminya, tante, teman, wanita, warga,
        """,
        "ngoko": """
            arek, bocah, bojo, kakang,
        """,
        "krama": """
            tiyang, tiyang sepuh,
        """,
    },
    "valuable": {
        "id": """
            aki, ayam, ban, barang, besi, burung, charger, cincin, dompet, emas, gabah, galon, gelang,
            handphone, hasil panen, helm, hp, iphone, jam tangan, jemuran, kabel, kabel tembaga, kalung,
            kambing, kamera, koper, kotak amal, laptop, meteran, mobil, motor, muatan, onderdil, onthel,
            pagar, paket, perhiasan, perhiasannya, perkakas, pipa besi, pit, pompa air, ponsel, sandal, sapi,
            sembako, sepatu, sepeda, sepeda lipat, sepeda motor, sepeda onthel, spion, tabung, tabung elpiji,
            tabung gas, tas, televisi, tembaga, ternak, trafo, tv, uang, uang tunai, velg,
        """,
    },
    "document": {
        "id": """
            akta, atm, berkas, bpjs, bpkb, buku tabungan, dokumen, ijazah, kartu, kartu atm, kartu keluarga,
            kartu mahasiswa, kartu pelajar, kis, kk, ktm, ktp, npwp, paspor, sertifikat, sim, stnk, surat,
        """,
    },
    "service": {
        "id": """
            balik nama, bpkb, call center, cek fisik, etle, hotline, ijin, ijin keramaian, izin,
            izin keramaian, kantor polisi, ktp, laporan, legalisir, minta patroli, mohon patroli, mutasi,
            nomor telepon, pajak kendaraan, pendaftaran, pengawalan, penyuluhan, perkembangan laporan,
            perpanjang, perpanjangan, polres, polresta, polsek, rekrutmen, samsat, satpas, sim, skck,
            sosialisasi, sp2hp, spkt, stnk, surat ijin, surat izin, surat kehilangan, surat keterangan,
            tilang, visum,
        """,
    },
    "fire": {
        "id": """
            api, asap, asap hitam, asap pekat, asap tebal, bau hangus, berkobar, damkar, emo_api, emo_damkar,
            hangus, kebakaran, kepulan asap, kobaran, lahan terbakar, ledakan, meledak, membara, percikan api,
            rumah terbakar, terbakar, warung terbakar,
        """,
        "ngoko": """
            kobong,
        """,
    },
    "hazard": {
        "id": """
            air bah, atap roboh, banjir bandang, dinding roboh, erupsi, gempa, hanyut, kabel listrik jatuh,
            kabel listrik menjuntai, kabel listrik putus, kabel menjuntai, kabel putus, kebawa arus, kesetrum,
            longsor, material longsor, puting beliung, rumah roboh, runtuh, setrum, tanah longsor,
            tanggul jebol, tebing runtuh, tembok roboh, tenggelam, terbawa arus, terkubur, tersambar petir,
            terseret arus, tersetrum, tertimbun,
        """,
    },
    "novictim": {
        "id": """
            aman semua, baik baik saja, belum ada korban, belum ada yang kena, belum ada yang terluka,
            korban nihil, korban selamat, nihil korban, selamat semua, semua selamat, semuanya aman,
            tanpa korban, tidak ada apa apa, tidak ada korban, tidak ada korban jiwa, tidak ada korban luka,
            tidak ada yang cedera, tidak ada yang kena, tidak ada yang luka, tidak ada yang meninggal,
            tidak ada yang terluka, tidak ada yang terluka parah, tidak apa apa, tidak cedera,
            tidak kenapa kenapa, tidak luka, tidak terluka,
        """,
    },
    "service_override": {
        "id": """
            laporan kehilangan, surat kehilangan, surat keterangan hilang, surat keterangan kehilangan,
        """,
    },
    "greeting": {
        "id": """
            assalamualaikum, hai, hallo, halo, hi, permisi, selamat malam, selamat pagi, selamat siang,
            selamat sore, terima kasih,
        """,
    },
    "negator": {
        "id": """
            belum, bukan, jangan, nihil, tak, tanpa, tidak,
        """,
    },
    "hedge": {
        "id": """
            cuma, cuman, hanya, sekadar, sekedar,
        """,
    },
    "nonofficer": {
        "id": """
            anggota dewan, anggota dprd, anggota geng, anggota keluarga, anggota ormas, anggota perguruan,
            hubungi polisi, lapor ke polisi, lapor polisi, panggil polisi, petugas bank, petugas damkar,
            petugas dishub, petugas keamanan, petugas kebersihan, petugas kereta, petugas leasing,
            petugas parkir, petugas pemadam, petugas pln, petugas satpol pp, satpol pp,
        """,
    },
    "severe": {
        "id": """
            banyak darah, berlumuran darah, bersimbah, bersimbah darah, cekik, darah banyak, darahnya banyak,
            dicekik, gegar otak, jenazah, kejang, kejang kejang, kepala bocor, koma, korban jiwa, kritis,
            luka bacok, luka bakar, luka berat, luka parah, luka tusuk, mati di tempat, mayat, mencekik,
            meninggal, meninggal di tempat, meninggal dunia, muntah darah, nyawa, pendarahan, sekarat,
            tak bergerak, tewas, tidak bergerak, tidak bernafas, tidak bernapas, tidak bisa bernafas,
            tidak bisa bernapas, tidak sadar, tidak sadar diri, tidak sadarkan diri,
        """,
        "ngoko": """
            tidak eling,
        """,
    },
    "ll_danger": {
        "id": """
            bak terbuka, berhenti di tengah, dicegat, hampir jatuh, jalan tertutup, kebut, lawan arus, mabuk,
            mau jatuh, melawan arus, melintang, menutup jalan, menutup lajur, mobil mogok, mogok, ngebut,
            nutup jalan, rem blong, salah arah, tengah rel, terjebak, tertutup total, tidak bisa lewat,
            truk mogok, ugal, ugalan, zig zag,
        """,
    },
    "active": {
        "id": """
            amuk, ancam, berkeliaran, bikin onar, bleyer, curiga, diobrak abrik, dipalak, gaduh, geber, gedor,
            gerak gerik, grebek, hadang, kegaduhan, keributan, mabuk, mabuk mabukan, mabukan, membuntuti,
            mencurigakan, mengamuk, mengawasi, menghadang, mengintai, menguntit, menyalakan, mercon,
            mondar mandir, ngamuk, ngawasi, obrak abrik, onar, orang asing, orang tidak dikenal, palak,
            pemalakan, petasan, preman, ribut, sweeping, teriak, teriak teriak, tidak dikenal,
        """,
        "ngoko": """
            mendem, ngompas,
        """,
    },
    "resolved": {
        "id": """
            batal, berhasil ditemukan, dalam keadaan sehat, dalam keadaan selamat, dikembalikan,
            maaf merepotkan, mohon diabaikan, salah paham, sudah beres, sudah dikembalikan, sudah ditemukan,
            sudah kembali, sudah ketemu, sudah pulang, ternyata, tidak jadi, update,
        """,
    },
    "hypo": {
        "id": """
            dikira, disangka, hampir, khawatir, kirain, nyaris, takut,
        """,
    },
    "loss": {
        "id": """
            sudah saya kasih, sudah dikasih, terlanjur transfer, terlanjur kirim, sudah ditransfer, saldo hilang,
            uang saya hilang, uangnya hilang, saldo terkuras,
            bayar, harus transfer, kirim uang, kode otp, minta transfer, otp, saldo, sudah bayar,
            sudah transfer, terkuras, tf, transfer,
        """,
    },
    "failed": {
        "id": """
            belum transfer, curiga, gagal, hampir, mencoba, sadar, tidak jadi, tidak tertipu, untung,
            untungnya,
        """,
    },
    "action": {
        "id": """
            atm hilang, belum ada kabar, belum ada perkembangan, belum ada tindak lanjut, belum dihubungi,
            belum diproses, blanko, habis, hilang, hp hilang, ilang, kehilangan, kehilangan dompet,
            kehilangan hp, kehilangan ijazah, kehilangan kartu, kehilangan ktp, kehilangan sim,
            kehilangan stnk, kelanjutan, ktp hilang, laporan kami, laporan saya, perkembangan, progres,
            sampai mana, sim hilang, sp2hp, stnk hilang, sudah 2 kali, sudah dua kali, sudah sampai mana,
            surat kehilangan, surat keterangan hilang, surat keterangan kehilangan, tidak ada kabar,
        """,
    },
    "fire_active": {
        "id": """
            apinya masih, api besar, apinya besar, masih merembet, masih menjalar,
            api masih, api membesar, belum padam, berkobar, makin besar, masih berkobar, masih menyala,
            masih terbakar, membesar, menjalar, merembet, semakin besar,
        """,
    },
    "water_high": {
        "id": """
            banjir bandang, hanyut, keseret arus, sedada, sepinggang, setinggi dada, setinggi leher,
            setinggi pinggang, terjebak, terseret arus,
        """,
    },
    "flood": {
        "id": """
            air masuk, air masuk rumah, air mulai masuk, air naik, banjir, genangan, jebol, kebanjiran,
            longsor, luapan, meluap, merendam, selokan meluap, tanah longsor, tanggul, tanggul jebol,
            terendam, tergenang, ungsi,
        """,
    },
    "gas": {
        "id": """
            bau elpiji, bau gas, bocor gas, elpiji, gas bocor, gas elpiji bocor, kebocoran gas, lpg,
            tabung gas, tabung gas bocor,
        """,
    },
    "praise": {
        "id": """
            akik, akun resmi, apresiasi, bangga, batu akik, berduka, bergaransi, bhayangkara, cantik,
            cepat cair, cepat tanggap, dijual, dirgahayu, diskon, emo_suka, enak, follow, ganteng, gercep,
            giveaway, good job, haha, harga, harga nego, hebat, humble, husnul khotimah, ini nomor,
            innalillahi, jasa, jaya, keren, klik link, konten, lomba, luar biasa, mantap, mantul, mendoakan,
            minat, murah, nego, ngopi, nomor ini, open order, pelayanan luar biasa, piket, promo, ready stock,
            responsif, salah kirim, salut, sangat membantu, sehat, semangat, semoga, sigap, sukses,
            tanpa jaminan, terbaik, terima kasih, tes, test, turut berduka, wkwk, wkwkwk,
        """,
    },
    "praise_strong": {
        "id": """
            apresiasi, bangga, bhayangkara, cepat tanggap, dirgahayu, emo_suka, ganteng, gercep, good job,
            hebat, humble, keren, luar biasa, mantap, mantul, pelayanan luar biasa, responsif, salut,
            sangat membantu, semangat, sigap, sukses, terbaik,
        """,
    },
    "complaint": {
        "id": """
            bau, belum dibayar, berisik, bocor, dinas, dirugikan, ditegur, gaji, ganggu, gonggong, janji,
            keluh, keluhan, kok tidak, kotor, macet, mampet, mati, mengeluh, mengganggu, menjorok, menumpuk,
            menyumbat, minta tolong, mohon, pemkot, pungutan, rusak, saluran, sampah, sengketa, sering,
            sudah ditegur, sumbat, terganggu, tetangga, tidak adil, tidak dibayar, tidak digaji, tidak merata,
            tolong,
        """,
    },
    "abduct": {
        "id": """
            culik, dibawa kabur, dibawa lari, dibawa paksa, diculik, dijemput paksa, dikurung,
            dimasukkan ke mobil, dimasukkan paksa, dipaksa masuk mobil, disandera, disekap, diseret masuk,
            ditarik masuk mobil, ditarik paksa masuk, penculikan, penyanderaan, penyekapan, sandera, sekap,
        """,
    },
    "breakin": {
        "id": """
            bobol, congkel, dicongkel, jendela dicongkel, masuk ke rumah, masuk rumah, mencoba masuk,
            pecah kaca,
        """,
    },
    "procedural": {
        "id": """
            apa benar, apakah benar, apakah polisi bisa, bagaimana cara, bagaimana menyelesaikan,
            bagaimana menyelesaikannya, bagaimana prosedur, cara, caranya, diapain, diapakan, harus apa,
            harus bagaimana, prosedur, sebaiknya,
        """,
    },
    "fled": {
        "id": """
            ditabrak lari, kabur, kabur begitu saja, langsung kabur, lari, melarikan diri, ngacir, pergi,
            tabrak lari, tancap gas, tidak bertanggung jawab,
        """,
    },
    "robbery": {
        "id": """
            ambil paksa, begal, curas, ditodong, jambret, pembegalan, penjambretan, perampokan, rampas,
            rampok, todong,
        """,
    },
    "recovered": {
        "id": """
            berhasil ditemukan, sudah dijemput, sudah ditemukan, sudah kembali, sudah ketemu, sudah pulang,
        """,
    },
    # the offender is still at the scene: a fresh trail for theft, fraud and disorder (not by itself a danger)
    "present": {
        "id": """
            masih di depan, masih di gang, masih di sana, masih di sini, masih di situ, masih di teras,
            masih keliling, masih mondar mandir, masih nongkrong,
        """,
    },
    "vehicle": {
        "id": """
            angkot, becak, bis, bus, dokar, elf, jip, kendaraan, kereta, minibus, mobil, mobil box, motor,
            odong odong, ojek, ojol, pemotor, pengemudi, pengendara, pesepeda, pick up, pikap, sepeda, sopir,
            taksi, trailer, travel, truk,
        """,
    },
    "mishap": {
        "id": """
            jatuh, kolong, masuk got, masuk jurang, masuk parit, masuk sawah, masuk selokan, masuk sungai,
            nyungsep, oleng, selip, slip, terbalik, tercebur, tergelincir, terguling, terjatuh, terjun,
            terjungkal, terlempar, terpelanting, terpental, terperosok,
        """,
    },
    "forced": {
        "id": """
            dibawa paksa, dibekap, dicekik, dikunci, dimasukkan ke mobil, dimasukkan paksa, dipaksa,
            dipaksa masuk, dipaksa masuk mobil, diseret, diseret masuk, diseret paksa, ditarik,
            ditarik masuk mobil, ditarik paksa, ditarik paksa masuk,
        """,
    },
    "female": {
        "id": """
            anak perempuan, gadis, ibu ibu, istri, janda, mahasiswi, mbak, pacar, perempuan, remaja putri,
            siswi, wanita,
        """,
    },
    "found_lost": {
        "id": """
            bingung, ditemukan, kesasar, linglung, lupa alamat, lupa jalan pulang, menangis, menemukan,
            nangis, nyasar, sendirian, terpisah, tersesat, tidak bisa bicara, tidak bisa ngomong, tidak ingat,
            tidak tahu pulang, tidak tahu rumahnya,
        """,
    },
    "surveil": {
        "id": """
            awasi, berkeliaran, foto, intai, melihat lihat, membuntuti, memotret, mengamati, mengawasi,
            mengikuti, mengintai, menguntit, merekam, mondar mandir, motret, muter, ngawasi, ngintai, nunggu,
            rekam,
        """,
    },
    "stranger": {
        "id": """
            asing, mencurigakan, misterius, orang asing, orang tidak dikenal, otk, tanpa plat, tidak ada plat,
            tidak dikenal,
        """,
    },
    "caught": {
        "id": """
            diamankan warga, diikat warga, dikepung warga, diringkus warga, ditangkap warga, ketangkap,
            maling diikat, pelaku diikat, tertangkap, tertangkap basah,
        """,
    },
    "ex_partner": {
        "id": """
            bekas istri, bekas suami, mantan istri, mantan suami,
        """,
        "ngoko": """
            mantan bojo,
        """,
    },
    "trapped": {
        "id": """
            belum bisa dikeluarkan, belum bisa keluar, masih di dalam, terjebak di dalam, terjepit,
            terkunci di dalam, terkurung, tertindih, tidak bisa dikeluarkan, tidak bisa keluar,
        """,
    },
    "remote": {
        "id": """
            chat, dm, facebook, fb, grup wa, ig, inbox, instagram, kirim pesan, lewat chat, lewat dm,
            lewat pesan, lewat sms, lewat telepon, lewat wa, lewat whatsapp, media sosial, medsos,
            mengirim pesan, ngirim pesan, online, pesan ancaman, pesan suara, sms, telepon, tiktok, twitter,
            via dm, via wa, via whatsapp, voice note,
        """,
    },
    "imminent": {
        "id": """
            akan bertemu, akan menjemput, besok, diajak bertemu, diajak ketemu, janjian, ketemuan, mau jemput,
            mau ketemu, minggu depan, nanti malam,
        """,
    },
    "pet": {
        "id": """
            anabul, anjing, burung peliharaan, hamster, hewan peliharaan, kelinci, kucing, peliharaan,
        """,
    },
    "neglect": {
        "id": """
            dibiarkan sendirian, ditelantarkan, ditinggal sendirian, kelaparan, lemas kelaparan,
            tidak ada makanan, tidak diberi makan, tidak dikasih makan, tidak diurus,
        """,
    },
}

# word lists the rules use directly (not scanned as cues)
WORDS: dict[str, dict[str, str]] = {
    "neg_fillers": {
        "id": """
            ada, apa, apa apa, begitu, ditemukan, ikut, jadi, kena, kok, mengalami, menimbulkan, orang, parah,
            sama, sampai, sekali, sih, terdapat, terlalu, yang,
        """,
    },
    "ambiguous_weapon": {
        "id": """
            balok, bambu, batu, besi, botol, cutter, gir, gunting, ikat pinggang, kayu, linggis, obeng, palu,
            pipa, rantai, sabit, sapu, tongkat,
        """,
    },
    "generic_officer": {
        "id": """
            anggota, aparat, intel, petugas,
        """,
    },
    "police_context": {
        "id": """
            babin, bhabin, borgol, brimob, demo, diamankan, diberhentikan, diborgol, dicegat, disita, distop,
            gas air mata, kanit, kapolres, kapolsek, kepolisian, lantas, lapor, laporan, melapor, menyita,
            oknum, operasi, patroli, peluru karet, pengamanan, pentungan, penyidik, penyitaan, polantas,
            polisi, polres, polresta, polri, polsek, polwan, pos lantas, pos polisi, pospol, propam, provos,
            razia, reskrim, sabhara, samapta, satlantas, satreskrim, sel, seragam, sidang, sim, skck, slip,
            spkt, stnk, tahanan, tameng, tilang, water cannon,
        """,
    },
    "wield": {
        "id": """
            acung, bawa, dengan, lempar, lempari, melempar, melempari, membawa, mengacungkan, menggunakan,
            ngacungin, pakai, pake, pakek, saling lempar, sambil,
        """,
        "ngoko": """
            gowo, nggowo,
        """,
    },
    "conditional": {
        "id": """
            apabila, bila, jika, jikalau, kalau, kalo, seandainya,
        """,
    },
    "request_verbs": {
        "id": """
            diawasi, dibina, dibubarkan, dicari tahu, dicek, dicheck, dipantau, dipatroli, diperiksa,
            diproses, dirazia, diselidiki, ditegur, ditertibkan, ditindak, ditindak tegas, ditindaklanjuti,
            diusut, patroli, razia,
        """,
    },
    "body_part": {
        "id": """
            awak, badan, bahu, betis, bibir, dada, dagu, dahi, dengkul, gigi, hidung, jari, jidat, kaki,
            kepala, kulit, kuping, leher, lengan, lutut, mata, muka, mulut, paha, pelipis, pergelangan, perut,
            pinggang, pinggul, pipi, pundak, punggung, rahang, rusuk, siku, tangan, telinga, tengkorak, tubuh,
            tulang, wajah,
        """,
        "ngoko": """
            boyok, endas, irung, ndas, rai, raine, sirah, untu, weteng,
        """,
    },
    "body_hurt": {
        "id": """
            ancur, bengkak, bengkok, benjol, berdarah, biru lebam, bocor, bonyok, darah, hancur, keluar darah,
            lebam, luka, mati rasa, melepuh, patah, putus, remuk, retak, robek, sobek, tembus, terbakar,
            tergencet, terjepit, tertindih, tertusuk, tidak bisa diangkat, tidak bisa digerakan,
            tidak bisa digerakin, tidak bisa digerakkan, tidak bisa ditekuk, tidak bisa gerak,
        """,
    },
    "theft_root": {
        "id": """
            colong, curi, embat, garong, gasak, gondol, hilang, jarah, kehilangan, maling, pencuri, raib,
        """,
    },
    "ll_moving": {
        "id": """
            kebut, lawan arus, mabuk, melawan arus, ngebut, salah arah, ugal, ugalan, zig zag,
        """,
    },
    # time words that say the incident is going on now (not just 'lagi')
    "strong_ongoing": {
        "id": """
            belum padam, belum surut, berlangsung, dari tadi, detik ini, dikejar, dikepung, kedengaran, live,
            lokasi sekarang, makin besar, masih berlangsung, masih di lokasi, masih di tkp, masih mengamuk,
            mengejar, menjalar, merembet, on the spot, sedang, sedang berlangsung, sedang terjadi, sejak tadi,
            sekarang, sekarang juga, semakin besar, terdengar jeritan, terdengar suara, terdengar teriakan,
            terus naik,
        """,
    },
    # stabbing, slashing and shooting: a wound that endangers life
    "wound_verbs": {
        "id": """
            bacok, pembacokan, penusukan, sayat, tembak, tikam, tusuk,
        """,
    },
    # the victim told someone afterwards: after the fact when no time is given
    "disclose": {
        "id": """
            bercerita, cerita, curhat, mengadu, mengaku, ngadu, ngaku,
        """,
    },
    # borrowing: with 'sold' it is embezzlement, not theft
    "borrowed": {
        "id": """
            dipinjam, meminjam, minjam, pinjam,
        """,
        "ngoko": """
            dipinjem, nyilih, pinjem,
        """,
    },
    # selling or pawning
    "sold": {
        "id": """
            digadai, digadaikan, dijual, gadai, jual, menggadaikan, menjual,
        """,
    },
    # 'sekarang mau ...': the present is about the reporter, not the incident
    "intent": {
        "id": """
            baru, butuh, harus, ingin, jadi, mau, pengen, perlu, sempat, sudah, telah,
        """,
    },
    # bruises and swelling: an injury, but not by itself a danger once the attack is over
    "bruise": {
        "id": """
            babak belur, bengkak, benjol, biru lebam, bonyok, lebam, memar,
        """,
    },
    # parts of things: 'spion patah' is damage, not an injury
    "object_parts": {
        "id": """
            atap, ban, bumper, cabang, dahan, gembok, genteng, helm, hp, jok, kaca, kayu, knalpot, kunci,
            lampu, layar, pagar, pintu, pohon, ranting, rem, setang, spion, standar, stang, tembok, tiang,
            velg,
        """,
    },
    # help on its way: 'belum ada ambulans' does not say nobody is hurt
    "help_words": {
        "id": """
            ambulance, ambulans, dilarikan, emo_ambulans, igd, rumah sakit, ugd,
        """,
    },
    # things that 'mati' (stop working): not a death
    "device_words": {
        "id": """
            air, aki, apill, bangjo, hp, jalan, jl, kendaraan, kunci, lalu, lampu, lintas, listrik, mati,
            mesin, mobil, motor, pdam, pju, sinyal, traffic,
        """,
    },
    # the family who worry: 'orang tuanya bingung' is not a confused person
    "worriers": {
        "id": """
            ibunya, kami, keluarga, keluarganya, kita, ortu, ortunya, saya, tua, tuanya,
        """,
    },
    # 'anak kos', 'anak buah': an adult role, not a child
    "adult_anak_next": {
        "id": """
            band, buah, kos, kost, kuliah, magang, muda, perusahaan, punk, rantau,
        """,
    },
    # goods for sale: 'jual celurit hias' is not a weapon against anyone
    "for_sale": {
        "id": """
            antik, dijual, diskon, harga, hias, jual, jualan, menjual, murah, promo,
        """,
    },
    # 'badan jalan', 'kaki lima', 'kepala desa': not a person's body
    "not_body_next": {
        "id": """
            air, angin, bagian, botol, bukit, cabang, dagangan, desa, dinas, dusun, elang, gang, gunung,
            jalan, jembatan, jl, kaca, kanan jalan, kantor, keamanan, keluarga, kiri jalan, kursi, lima,
            lingkungan, meja, pasar, pintu, regu, rombongan, rumah, sekolah, seksi, suku, sungai, tangga, tim,
            toko, uang, unit,
        """,
    },
    # a crowd: a thief beaten by a mob
    "mob": {
        "id": """
            amuk massa, dikeroyok, hakim sendiri, keroyok, kerumunan, main hakim sendiri, massa, ojol,
            orang orang, pedagang, pemuda, pengunjung, penumpang, ramai, rame, sekampung, tukang ojek, warga,
        """,
    },
    # who did it, after a passive violence verb ('ditusuk orang')
    "outsider": {
        "id": """
            begal, geng, gerombolan, jukir, maling, mantan, orang, otk, pelaku, pemuda, pengamen, pengendara,
            perampok, preman, rampok, sekelompok, sopir, teman, temannya, tetangga, tidak dikenal, warga,
        """,
    },
    # 'bapak sopir', 'ibu guru': a title, not a parent
    "title_next": {
        "id": """
            bapak, bidan, camat, dokter, driver, guru, ibu, kades, kos, lurah, ojek, ojol, pedagang, pemilik,
            pengemudi, pengendara, penjual, penumpang, petugas, polisi, rt, rw, satpam, sopir, tukang, warung,
        """,
    },
    # raging in public
    "raging": {
        "id": """
            amuk, bugil, lempar, lempari, melempari, mengamuk, merusak, ngamuk, tanpa busana, telanjang,
            teriak,
        """,
    },
    # 'tidak ada kabar': missing only when a person is the one not heard from
    "contact_keys": {
        "id": """
            belum ada kabar, hp tidak aktif, nomor tidak aktif, susah dihubungi, tidak ada kabar,
            tidak bisa dihubungi, tidak dapat dihubungi,
        """,
    },
    # an event that did not (or not yet) happen: 'hampir tabrakan', 'sering'
    "near_miss": {
        "id": """
            akibat, banyak, bisa, gara, gegara, hampir, karena, khawatir, nyaris, rawan, sebab, sering, takut,
            untung,
        """,
    },
    # asking the police to act ('mohon polisi menertibkan')
    "urge": {
        "id": """
            agar, biar, bisa, harap, kok, minta, mohon, segera, supaya, suruh, tolong,
        """,
    },
    # the police doing their job on the act ('polisi razia balap liar')
    "enforce": {
        "id": """
            amankan, atur, bubar, gerebek, grebek, kejar, razia, tangkap, tertib, tilang, tindak, usir,
        """,
    },
    # asking for money
    "demand": {
        "id": """
            dimintai, dipalak, meminta, menarik, minta, mintai, narik,
        """,
    },
    # an officer's violence against a person
    "officer_violence": {
        "id": """
            aniaya, mukul, pentungan, pukul, tampar, tendang,
        """,
    },
    # yesterday or last night: after the fact, but the trail is still fresh
    "recent_past": {
        "id": """
            kemarin, kemarin malam, kemarin pagi, kemarin siang, kemarin sore, malam tadi, semalam,
            tadi malam,
        """,
        "ngoko": """
            wingi malam,
        """,
    },
    # last night or before dawn: a theft found out this morning still has a fresh trail
    "last_night": {
        "id": """
            dini hari, dini hari tadi, malam tadi, semalam, subuh tadi, tadi malam, tadi subuh,
        """,
    },
    # a plea for help: in a short message, or beside a tinggi decision, it asks for someone now
    "plea": {
        "id": """
            butuh bantuan, darurat, emergency, emo_sos, help me, minta bantuan, minta tolong, mohon bantuan,
            mohon bantuan segera, mohon tolong, sos, tolong, tolong cepat, tolong tolong, urgent, urgen,
        """,
    },
    # a one- or two-word cry with exclamation marks ("maling!!", "kebakaran!!"): an emergency now
    "cry": {
        "id": """
            api, banjir, begal, copet, jambret, kebakaran, longsor, maling, pencuri, rampok, tabrakan,
        """,
    },
    # words that make a short message something other than a cry for help
    "not_a_cry": {
        "id": """
            info, informasi, kasih, maaf, makasih, min, selamat, tanya, terima, tes, test,
        """,
    },
    # a home: an intruder still inside one meets whoever comes home
    "dwelling": {
        "id": """
            dalam, kamar, kos, kost, rumah, rumahnya,
        """,
        "ngoko": """
            omah, omahe,
        """,
    },
}

# token rewrites by register, applied with ``normalize.ABBREV`` (Javanese and walikan words that mean what an
# Indonesian word means, so every rule that knows the Indonesian word knows them too)
REWRITES: dict[str, str] = {
    "id": """
        # English code-mixing in chat
        fire: kebakaran, burning: terbakar, smoke: asap, stuck: terjebak, trapped: terjebak, injured: terluka,
        bleeding: berdarah, unconscious: pingsan, fainted: pingsan, accident: kecelakaan, stabbed: ditusuk,
    """,
    "ngoko": """
        # fire, burning, smoke
        ngobong: membakar, murub: berkobar, mulad: berkobar, kukus: asap, kebul: asap, ngebul: berasap,
        # still, now, quickly, help
        sik: masih, jek: masih, isik: masih, ndang: segera, gage: segera,
        tulungen: tolong, tulungana: tolong,
        # blades and hitting
        peso: pisau, piso: pisau, lading: pisau, bendo: parang, gobang: golok, wedung: golok,
        disuduk: ditusuk, nyuduk: menusuk, suduk: tusuk, dicelurit: dibacok, diclurit: dibacok,
        diantem: dipukul, ngantem: memukul, dikepruk: dipukul, ditempiling: ditampar, dipentung: dipukul,
        # fighting
        tukaran: berkelahi, jotosan: berkelahi, anteman: berkelahi, gegeran: keributan,
        # falling, injury, breath, getting up
        kejengkang: terjatuh, njengkang: terjatuh, nggeblak: terjatuh, nggelundung: terguling,
        tatu: luka, tatune: lukanya, getihan: berdarah, tangi: bangun, obah: gerak, ambekan: napas,
        ambegan: napas, ambekane: napasnya, ambegane: napasnya, napase: napasnya, abot: berat,
        # old people
        tuwek: tua, eyang: nenek, kakung: kakek,
    """,
    "krama": """
        # fire and burning
        latu: api, kebesmi: terbakar, kabesmi: terbakar, dibesmi: dibakar, mbesmi: membakar,
        kebesmen: kebakaran,
        # still, now, quickly, help
        tasih: masih, taseh: masih, sakmenika: sekarang, samenika: sekarang, sapunika: sekarang,
        sakniki: sekarang, saniki: sekarang, saweg: sedang, enggal: segera,
        gegancangan: segera, pitulung: tolong, pitulungan: pertolongan,
        # hitting, many people, falling, getting up
        kathah: banyak, dhawah: jatuh, dawah: jatuh, wungu: bangun, ageng: besar, latunipun: apinya,
    """,
    "walikan": """
        # old (tuwek read backwards)
        kewut: tua,
    """,
}
# fmt: on
