// The component is the product a report is about, as advisories file it; a part of the
// product ("the login page", "the newsletter module") is where the flaw is, not what it is in.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { namesSomething, productOfPart } from './part-of-product.js';

const fields = extractedFields;

describe('a part of a product is no component', () => {
  it('files a part under the product the text says it is of, and names none when there is none', () => {
    expect(fields('Stored XSS in the newsletter module of ShopCore 5.3.2: the subject line is not escaped.').component).toBe('ShopCore');
    expect(fields('The API gateway of Orbit Cloud accepts JSON Web Tokens signed with alg none.').component).toBe('Orbit Cloud');
    expect(fields('There is an SQL injection in the login form of your Acme Portal.').component).toBe('Acme Portal');
    expect(fields('API endpoints in dashboard component of ESPHome version 2023.12.9 are vulnerable to CSRF.').component).toBe('ESPHome');
    for (const text of [
      'Stored XSS in the login page: the name is not escaped.',
      'The mobile app sends the token over plain HTTP.',
      'The export endpoint returns any invoice by id.',
    ])
      expect(fields(text).component, text).toBeUndefined();
  });

  it('keeps a named thing before the noun: a capitalised name, a package, or one word that is no everyday one', () => {
    expect(fields('A path traversal in the Acme Portal plugin lets anyone read wp-config.php.').component).toMatch(/^Acme Portal plugin$/);
    expect(fields('The keymaster application exposed an administrative interface without authentication.').component).toMatch(/^keymaster/);
  });

  it("takes a labelled part's product, or leaves the component to the rest of the text when the label names none", () => {
    expect(fields('## Affected component\n`ws_frame_free()` in the websocket module of EmberHTTP\n\nA double free.').component).toBe('EmberHTTP');
    const labelledPart = 'Affected component: PDF export service\n\nThere is a server-side request forgery in the PDF export of Reportly Cloud.';
    expect(fields(labelledPart).component).toBe('Reportly Cloud');
    expect(fields('Product: SmartLock Hub firmware 2.2.7\n\nThe unlock command is not authenticated.').component).toBe('SmartLock Hub firmware');
  });
});

describe('productOfPart and namesSomething', () => {
  it('tells parts from products by their last word and the words before it', () => {
    expect(productOfPart('wiki module')).toEqual({ product: undefined });
    expect(productOfPart('PDF export service')).toEqual({ product: undefined });
    expect(productOfPart('email templates editor (admin panel)')).toEqual({ product: undefined });
    expect(productOfPart('`ws_frame_free()` in the websocket module of EmberHTTP')).toEqual({ product: 'EmberHTTP' });
    expect(productOfPart('peplink balance routers')).toBeUndefined();
    expect(productOfPart('Acme Router admin interface')).toBeUndefined();
  });

  it("reads a protocol's initials and everyday words as no name", () => {
    expect(namesSomething('API')).toBe(false);
    expect(namesSomething('newsletter')).toBe(false);
    expect(namesSomething('customer portal')).toBe(false);
    expect(namesSomething('keymaster')).toBe(true);
    expect(namesSomething('deep-merge')).toBe(true);
    expect(namesSomething('Orbit Cloud')).toBe(true);
  });
});
