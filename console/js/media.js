// Attachments in a message. For now the console names each file the citizen sent (kind, type, name);
// showing images and audio inline belongs here (`renderMedia` is the one place the ticket view calls),
// once the evidence store serves them to officers.

import { h } from "./dom.js";
import { MESSAGE_KIND, label } from "./labels.js";

export function renderMedia(media) {
  if (!media || !media.length) return null;
  return h(
    "ul",
    { class: "media" },
    ...media.map((m) =>
      h("li", { class: `media-item media-${m.kind}` }, `Lampiran ${label(MESSAGE_KIND, m.kind)}`, m.mime_type ? ` (${m.mime_type})` : "", m.filename ? `: ${m.filename}` : ""),
    ),
  );
}
