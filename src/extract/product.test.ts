import { describe, expect, it } from 'vitest';
import { boldProduct, isBoilerplate, productFromSubject } from './product.js';

describe('the product a report is about', () => {
  it('takes the product a Subject names, without its version', () => {
    expect(productFromSubject('Stored XSS in acme-cms-2.5.10')).toBe('acme-cms');
    expect(productFromSubject('SQLi in Acme Forum 3.2 login')).toBe('Acme Forum');
    expect(productFromSubject('CVE-2024-1234: RCE in FooBar')).toBe('FooBar');
  });

  it('takes nothing from a Subject that names no product', () => {
    expect(productFromSubject('Security issue')).toBeUndefined();
    expect(productFromSubject('XSS in the target server')).toBeUndefined();
    expect(productFromSubject('Bug in version 2.1')).toBeUndefined();
  });

  it('knows boilerplate from a name', () => {
    expect(isBoilerplate('target server')).toBe(true);
    expect(isBoilerplate('2 page')).toBe(true);
    expect(isBoilerplate('the application')).toBe(true);
    expect(isBoilerplate('Acme Forum')).toBe(false);
  });

  it('reads a bold name in the first paragraph, not a bold label or warning', () => {
    expect(boldProduct('I found a flaw in **Acme Billing 4.2** that lets anyone read invoices.')?.name).toBe('Acme Billing');
    expect(boldProduct('**Important**: read this')).toBeUndefined();
  });
});
