/**
 * The text certificate tools write beside the PEM blocks of a certificate bundle, naming the certificates: comment
 * lines and titles (curl's `mk-ca-bundle`, the `cacert.pem` of Mozilla's roots: `## Bundle of CA Root Certificates`,
 * `GlobalSign Root CA` over a line of `=`), and what `openssl pkcs12 -nokeys` and `openssl x509` print before each
 * block (`Bag Attributes`, its indented `localKeyID:` and `friendlyName:` lines, `subject=`, `issuer=`). Such text is
 * no secret whatever the value is called; a word in it that looks random (a token in a comment) makes it no such text.
 */
import { looksRandom } from './entropy.js';

/** A comment line: `#` then a space, more `#`, or nothing (`#hunter2` is no comment). */
const COMMENT = /^#(?:[#\s]|$)/;

/** What openssl prints before a certificate's block: its subject and issuer. */
const SUBJECT_OR_ISSUER = /^(?:subject|issuer)=/;

/** The head of a bag's attributes, with none (`Bag Attributes: <No Attributes>`) or its lines to follow. */
const ATTRIBUTES = /^(?:Bag|Key) Attributes(: <No Attributes>)?$/;

/** An attribute of a bag, indented under `Bag Attributes`: `    localKeyID: 01 00 00 00`. */
const ATTRIBUTE = /^[ \t]+[A-Za-z0-9 .]+: /;

/** The line under a title, as mk-ca-bundle writes it. */
const UNDERLINE = /^=+$/;

/** Whether every line of `text` is one a certificate tool writes beside the blocks of a bundle. */
export function isCertificateAnnotations(text: string): boolean {
  const lines = text.split(/\r?\n|\\n/).filter((line) => line.trim().length > 0);
  // Whether the lines read are a bag's attributes, under its `Bag Attributes` line.
  let inAttributes = false;
  return lines.every((line, index) => {
    if (line.split(/\s+/).some((word) => looksRandom(word))) return false;
    if (inAttributes && ATTRIBUTE.test(line)) return true;
    const trimmed = line.trim();
    const attributes = ATTRIBUTES.exec(trimmed);
    inAttributes = attributes !== null && attributes[1] === undefined;
    if (attributes !== null || COMMENT.test(trimmed) || SUBJECT_OR_ISSUER.test(trimmed)) return true;
    // A title, the line above an underline, and the underline.
    return UNDERLINE.test(trimmed) || UNDERLINE.test(lines[index + 1]?.trim() ?? '');
  });
}
