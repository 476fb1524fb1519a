import { describe, expect, it } from 'vitest';
import { attachmentFileName } from './case-content-commands.js';

describe('the file name of a written attachment', () => {
  it('keeps only a safe basename of the reporter name, numbered', () => {
    expect(attachmentFileName(2, '../../etc/passwd')).toBe('2-passwd');
    expect(attachmentFileName(1, 'C:\\Users\\x\\poc exploit.py')).toBe('1-poc_exploit.py');
  });

  it('never makes a hidden or empty name', () => {
    expect(attachmentFileName(3, '.bashrc')).toBe('3-bashrc');
    expect(attachmentFileName(4, null)).toBe('4-attachment');
    expect(attachmentFileName(5, '..')).toBe('5-attachment');
  });
});
