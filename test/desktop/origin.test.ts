import { describe, expect, it } from 'vitest';
import { isTrustedSender, resolveAppFile } from '../../electron/main/origin';

describe('desktop security policy', () => {
  it('trusts IPC only from the app protocol origin', () => {
    expect(isTrustedSender('concord://app/index.html')).toBe(true);
    for (const url of [
      undefined,
      '',
      'https://evil.example/index.html',
      'file:///etc/passwd',
      'concord://other/index.html',
      'concord://app.evil/index.html',
      'http://127.0.0.1:3000/',
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });

  it('serves only files inside the renderer folder', () => {
    expect(resolveAppFile('/app/out/renderer', '/')).toBe('/app/out/renderer/index.html');
    expect(resolveAppFile('/app/out/renderer', '/assets/index-abc.js')).toBe(
      '/app/out/renderer/assets/index-abc.js',
    );
    expect(resolveAppFile('/app/out/renderer', '/../../etc/passwd')).toBeNull();
    expect(resolveAppFile('/app/out/renderer', '/assets/%2e%2e/%2e%2e/secret')).toBeNull();
    expect(resolveAppFile('/app/out/renderer', '/a/..\\..\\b')).toBeNull();
    expect(resolveAppFile('/app/out/renderer', '/%E0%A4%A')).toBeNull();
  });
});
