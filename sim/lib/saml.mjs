// SAML 2.0 messages for the stand-ins: the identity provider's Response (our own XML
// template, signed with xml-crypto), reading an SP's AuthnRequest, and reading the addressing
// fields that `@node-saml/node-saml` leaves to the caller.

import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';
import { DOMParser } from '@xmldom/xmldom';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
};

export const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const PASSWORD_CONTEXT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const ATTR_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** An XML ID: must not start with a digit. */
export function newSamlId() {
  return `_${randomBytes(20).toString('hex')}`;
}

function xmlEscape(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const iso = (date) => date.toISOString();

/**
 * Builds an unsigned `samlp:Response` with one assertion.
 *
 * `times` = { issueInstant, notBefore, notOnOrAfter, subjectNotOnOrAfter } (Dates).
 * `attributes` = [{ name, values: [string] }]; `inResponseTo` may be null (IdP-initiated).
 */
export function buildResponse({
  issuer,
  destination,
  recipient,
  audience,
  inResponseTo = null,
  nameId,
  nameIdFormat = NAMEID_UNSPECIFIED,
  sessionIndex,
  attributes = [],
  times,
}) {
  const responseId = newSamlId();
  const assertionId = newSamlId();
  const inResponseToAttr = inResponseTo ? ` InResponseTo="${xmlEscape(inResponseTo)}"` : '';
  const attributeXml = attributes
    .map(
      ({ name, values }) =>
        `<saml:Attribute Name="${xmlEscape(name)}" NameFormat="${ATTR_URI}">` +
        values
          .map(
            (value) =>
              '<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" ' +
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">' +
              `${xmlEscape(value)}</saml:AttributeValue>`,
          )
          .join('') +
        '</saml:Attribute>',
    )
    .join('');
  const attributeStatement = attributes.length
    ? `<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>`
    : '';

  return (
    `<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ` +
    `ID="${responseId}" Version="2.0" IssueInstant="${iso(times.issueInstant)}" ` +
    `Destination="${xmlEscape(destination)}"${inResponseToAttr}>` +
    `<saml:Issuer>${xmlEscape(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status>` +
    `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(times.issueInstant)}">` +
    `<saml:Issuer>${xmlEscape(issuer)}</saml:Issuer>` +
    '<saml:Subject>' +
    `<saml:NameID Format="${xmlEscape(nameIdFormat)}">${xmlEscape(nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${BEARER}">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${iso(times.subjectNotOnOrAfter)}" ` +
    `Recipient="${xmlEscape(recipient)}"${inResponseToAttr}/>` +
    '</saml:SubjectConfirmation>' +
    '</saml:Subject>' +
    `<saml:Conditions NotBefore="${iso(times.notBefore)}" ` +
    `NotOnOrAfter="${iso(times.notOnOrAfter)}">` +
    `<saml:AudienceRestriction><saml:Audience>${xmlEscape(audience)}</saml:Audience>` +
    '</saml:AudienceRestriction>' +
    '</saml:Conditions>' +
    `<saml:AuthnStatement AuthnInstant="${iso(times.issueInstant)}" ` +
    `SessionIndex="${xmlEscape(sessionIndex)}">` +
    '<saml:AuthnContext>' +
    `<saml:AuthnContextClassRef>${PASSWORD_CONTEXT}</saml:AuthnContextClassRef>` +
    '</saml:AuthnContext>' +
    '</saml:AuthnStatement>' +
    attributeStatement +
    '</saml:Assertion>' +
    '</samlp:Response>'
  );
}

function signElement(xml, { privateKey, cert }, elementXPath) {
  const sig = new SignedXml({
    privateKey,
    publicCert: cert,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({
    xpath: elementXPath,
    digestAlgorithm: SHA256,
    transforms: [ENVELOPED, EXC_C14N],
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    // SAML's schema wants the Signature right after the element's Issuer.
    location: { reference: `${elementXPath}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

/** Signs the assertion, then the whole Response (what node-saml 5 expects by default). */
export function signResponse(xml, keys) {
  const assertionSigned = signElement(
    xml,
    keys,
    "/*[local-name(.)='Response']/*[local-name(.)='Assertion']",
  );
  return signElement(assertionSigned, keys, "/*[local-name(.)='Response']");
}

/**
 * Changes signed content without re-signing, as an attacker would: the RoleSessionName value
 * if there is one, else the NameID. Every signature in the message then fails to verify.
 */
export function tamperSignedResponse(xml) {
  const roleSessionValue = new RegExp(
    '(Name="https://aws\\.amazon\\.com/SAML/Attributes/RoleSessionName"[^>]*>\\s*' +
      '<saml:AttributeValue[^>]*>)([^<]*)(<)',
  );
  if (roleSessionValue.test(xml)) return xml.replace(roleSessionValue, '$1$2.admin$3');
  return xml.replace(/(<saml:NameID[^>]*>)([^<]*)(<)/, '$1$2.admin$3');
}

function parseXml(xml) {
  const errors = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length || !doc?.documentElement) {
    throw new Error(`not well-formed XML: ${errors[0] || 'no document element'}`);
  }
  return doc;
}

function firstChildText(element, namespace, localName) {
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && node.namespaceURI === namespace && node.localName === localName) {
      return node.textContent.trim();
    }
  }
  return null;
}

/**
 * Decodes an AuthnRequest from the HTTP-Redirect binding (base64 of raw DEFLATE) or, failing
 * that, plain base64 (HTTP-POST binding). Returns { id, issuer, acsUrl, destination, isPassive }.
 */
export function parseAuthnRequest(samlRequest) {
  const raw = Buffer.from(samlRequest, 'base64');
  let xml;
  try {
    xml = inflateRawSync(raw).toString('utf8');
  } catch {
    xml = raw.toString('utf8');
  }
  const root = parseXml(xml).documentElement;
  if (root.namespaceURI !== NS.protocol || root.localName !== 'AuthnRequest') {
    throw new Error('the SAMLRequest is not an AuthnRequest');
  }
  const id = root.getAttribute('ID');
  if (!id) throw new Error('the AuthnRequest has no ID');
  return {
    id,
    issuer: firstChildText(root, NS.assertion, 'Issuer'),
    acsUrl: root.getAttribute('AssertionConsumerServiceURL') || null,
    destination: root.getAttribute('Destination') || null,
    isPassive: root.getAttribute('IsPassive') === 'true',
  };
}

/** `Destination` of a Response (the caller has verified the Response signature). */
export function responseDestination(responseXml) {
  return parseXml(responseXml).documentElement.getAttribute('Destination') || null;
}

/**
 * The bearer `SubjectConfirmationData` entries of a (verified) assertion:
 * [{ recipient, notOnOrAfter, inResponseTo }].
 */
export function subjectConfirmations(assertionXml) {
  const doc = parseXml(assertionXml);
  const found = [];
  const nodes = doc.getElementsByTagNameNS(NS.assertion, 'SubjectConfirmation');
  for (let i = 0; i < nodes.length; i += 1) {
    const confirmation = nodes.item(i);
    if (confirmation.getAttribute('Method') !== BEARER) continue;
    const data = confirmation.getElementsByTagNameNS(NS.assertion, 'SubjectConfirmationData');
    for (let j = 0; j < data.length; j += 1) {
      const item = data.item(j);
      found.push({
        recipient: item.getAttribute('Recipient') || null,
        notOnOrAfter: item.getAttribute('NotOnOrAfter') || null,
        inResponseTo: item.getAttribute('InResponseTo') || null,
      });
    }
  }
  return found;
}

/** The HTML page an IdP answers with: a form that POSTs the Response on load. */
export function autoPostForm(action, fields) {
  const inputs = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${xmlEscape(name)}" value="${xmlEscape(value)}">`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Signing in…</title></head>
<body onload="document.forms[0].submit()">
<form method="post" action="${xmlEscape(action)}">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>
</body>
</html>
`;
}
