import { describe, expect, it } from 'vitest';
import { resolveCliActor } from './actor.js';

const team = [{ name: 'alice' }, { name: 'bob' }];

describe('the actor a CLI action is recorded as', () => {
  it('names the person sudo names, not the service account every member runs as', () => {
    expect(resolveCliActor({ team, sudoUser: 'alice', unixUser: 'sectriage' })).toBe('cli:alice');
  });

  it('writes a sudo user who is a member as the member handle, so cli and web name one person', () => {
    expect(resolveCliActor({ team, sudoUser: 'Alice', unixUser: 'sectriage' })).toBe('cli:alice');
  });

  it('keeps a sudo user who is not a member as they are', () => {
    expect(resolveCliActor({ team, sudoUser: 'carol', unixUser: 'sectriage' })).toBe('cli:carol');
  });

  it('takes --as when it names a team member', () => {
    expect(resolveCliActor({ as: 'bob', team, unixUser: 'sectriage' })).toBe('cli:bob');
  });

  it('refuses --as naming nobody on the team, and lists who is', () => {
    expect(() => resolveCliActor({ as: 'mallory', team, unixUser: 'sectriage' })).toThrow(/not a team member.*alice, bob/);
  });

  it('refuses --as another member when sudo says who is typing', () => {
    expect(() => resolveCliActor({ as: 'bob', team, sudoUser: 'alice', unixUser: 'sectriage' })).toThrow(/sudo says you are alice/);
  });

  it('lets a sudo user who is not a member say which member they are', () => {
    expect(resolveCliActor({ as: 'bob', team, sudoUser: 'bobby', unixUser: 'sectriage' })).toBe('cli:bob');
  });

  it('ignores SUDO_USER=root, which says nothing about the person', () => {
    expect(resolveCliActor({ team, sudoUser: 'root', unixUser: 'alice' })).toBe('cli:alice');
  });

  it('falls back to the Unix user without sudo or --as', () => {
    expect(resolveCliActor({ team: [], unixUser: 'dave' })).toBe('cli:dave');
  });
});
