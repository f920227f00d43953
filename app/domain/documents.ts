/** The document types an employer can send to the jobcenter, with their Danish names. */
export type DocumentType = "fast-track" | "mulighedserklaering" | "fastholdelsesplan" | "paragraph56" | "social-chapter";

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  "fast-track": "Anmodning om fast track",
  mulighedserklaering: "Mulighedserklæring",
  fastholdelsesplan: "Fastholdelsesplan",
  paragraph56: "§ 56-aftale",
  "social-chapter": "Sociale kapitler",
};

export const FAST_TRACK_BASIS = "Sygedagpengeloven § 7 c, § 13 b, stk. 2; BEK nr. 1710 af 2024, § 3";
