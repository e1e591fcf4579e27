/**
 * A part of the product's words kept in a file of its own, in every language at once (one file per area of
 * the hosted pages): English is the source and its keys the type; each other language must word every key.
 * The locale catalogs spread the area in, so the catalog test (I18N-3) sees one catalog per locale as before.
 */
export type AreaTexts<Source extends Record<string, string>> = {
  en: Source;
  fr: Record<keyof Source, string>;
  de: Record<keyof Source, string>;
  es: Record<keyof Source, string>;
  'pt-BR': Record<keyof Source, string>;
  pl: Record<keyof Source, string>;
  ja: Record<keyof Source, string>;
  'zh-Hans': Record<keyof Source, string>;
};
