// A Subject's "in/on <name>" that names an input, not the product, read off the tune part (gh-django-advanced-reports-42,
// gh-zurmo-5): "on First and Last name Fields", "in RedirectUrl GET parameter". A product's name before its page,
// form or button, or its own parts ("urllib3 headers"), still names the product (second-day-review-misfires.test.ts).
import { describe, expect, it } from 'vitest';
import { productFromSubject } from './product.js';

describe("a Subject's place that is an input", () => {
  it('is not taken for the product', () => {
    expect(productFromSubject('Cross-Site Scripting on First and Last name Fields')).toBeUndefined();
    expect(productFromSubject('Open Redirect in RedirectUrl GET parameter')).toBeUndefined();
    expect(productFromSubject('SQL injection in orderBy POST argument')).toBeUndefined();
  });

  it("still names the product before its page, form or button, or a later product after the input's", () => {
    expect(productFromSubject('Stored XSS in Acme Portal login page')).toBe('Acme Portal');
    expect(productFromSubject('XSS in Acme Portal')).toBe('Acme Portal');
    expect(productFromSubject('XSS in q parameter of Acme Portal')).toBe('Acme Portal');
  });
});
