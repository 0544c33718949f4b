// Every word the console shows for the API's codes, in Bahasa Indonesia.

export const PRIORITY = { darurat: "Darurat", tinggi: "Tinggi", sedang: "Sedang", rendah: "Rendah" };
export const PRIORITY_ORDER = ["darurat", "tinggi", "sedang", "rendah"];
export const STATUS = { baru: "Baru", diterima: "Diterima", ditangani: "Ditangani", selesai: "Selesai", ditutup: "Ditutup" };
export const CHANNEL = {
  whatsapp: "WhatsApp",
  instagram: "Instagram",
  facebook: "Facebook",
  x: "X",
  tiktok: "TikTok",
  app: "Aplikasi",
  call_center: "Telepon 110",
};
export const CATEGORY = {
  kecelakaan: "Kecelakaan",
  lalu_lintas: "Lalu lintas",
  pencurian: "Pencurian",
  kekerasan: "Kekerasan",
  kdrt_ppa: "KDRT / perempuan & anak",
  narkoba: "Narkoba",
  penipuan: "Penipuan",
  gangguan_kamtibmas: "Gangguan kamtibmas",
  orang_hilang: "Orang hilang",
  kebakaran_bencana: "Kebakaran / bencana",
  layanan_polisi: "Layanan kepolisian",
  pengaduan_petugas: "Pengaduan tentang petugas",
  lainnya: "Lainnya",
};
export const AREA = {
  klojen: "Klojen",
  blimbing: "Blimbing",
  kedungkandang: "Kedungkandang",
  lowokwaru: "Lowokwaru",
  sukun: "Sukun",
  luar_kota: "Luar kota",
};
export const UNIT = {
  polresta: "Piket Polresta",
  klojen: "Polsek Klojen",
  blimbing: "Polsek Blimbing",
  kedungkandang: "Polsek Kedungkandang",
  lowokwaru: "Polsek Lowokwaru",
  sukun: "Polsek Sukun",
  ppa: "Unit PPA",
  propam: "Si Propam",
};
export const CLOSE_REASON = {
  spam: "Spam",
  duplikat: "Duplikat tiket lain",
  bukan_wewenang_polisi: "Bukan wewenang polisi",
  tidak_dapat_ditindaklanjuti: "Tidak dapat ditindaklanjuti",
};
export const ACTION = {
  ack: "Terima",
  assign: "Tugaskan",
  resolve: "Selesaikan",
  close: "Tutup",
  reopen: "Buka kembali",
};
export const EVENT = {
  "ticket.created": "Tiket dibuat",
  "ticket.acknowledged": "Diterima",
  "ticket.assigned": "Ditugaskan",
  "ticket.resolved": "Diselesaikan",
  "ticket.closed": "Ditutup",
  "ticket.reopened": "Dibuka kembali",
  "ticket.escalated": "Dieskalasi",
  "ticket.triage_corrected": "Triase dikoreksi",
  "ticket.content_read": "Isi dibaca",
  "ticket.officer_reply": "Balasan petugas dikirim ke antrean",
  "ticket.replied": "Balasan terkirim",
};
export const SLA_TARGET = { diterima: "batas terima", selesai: "batas selesai" };
export const MESSAGE_KIND = {
  text: "teks",
  location: "lokasi",
  image: "gambar",
  video: "video",
  audio: "suara",
  document: "dokumen",
  sticker: "stiker",
  comment: "komentar",
  post: "unggahan",
};

export function label(table, code, fallback = "—") {
  if (code === null || code === undefined || code === "") return fallback;
  return table[code] || code;
}

export function areaLabel(code) {
  if (!code || code === "tidak_diketahui") return "Wilayah belum diketahui";
  return label(AREA, code);
}

// Canned answers (officers edit them before sending; the ticket number is added by the system).
export const CANNED = [
  { id: "diterima", title: "Laporan diterima", text: "Terima kasih, laporan Anda sudah kami terima dan sedang kami tindak lanjuti." },
  { id: "meluncur", title: "Petugas menuju lokasi", text: "Petugas kami sedang menuju lokasi. Mohon tetap di tempat yang aman." },
  { id: "lokasi", title: "Minta lokasi", text: "Mohon kirimkan lokasi kejadian (nama jalan atau bagikan lokasi) agar petugas dapat segera datang." },
  { id: "kontak", title: "Minta nomor telepon", text: "Mohon kirimkan nomor telepon yang dapat kami hubungi untuk menindaklanjuti laporan Anda." },
  { id: "darurat", title: "Arahkan ke 110", text: "Untuk keadaan darurat, segera hubungi 110 (gratis, 24 jam)." },
  { id: "selesai", title: "Sudah ditangani", text: "Laporan Anda sudah ditangani petugas. Terima kasih atas kepedulian Anda." },
];
