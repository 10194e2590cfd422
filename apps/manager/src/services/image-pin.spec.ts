import { hasDigest, pinned, repinnable } from './image-pin';

describe('image references and digests', () => {
  const d = `sha256:${'a'.repeat(64)}`;
  it('pins a tag, and keeps a reference that names a digest', () => {
    expect(pinned('localhost:5000/app:1', d)).toBe(`localhost:5000/app:1@${d}`);
    expect(pinned('localhost:5000/app', d)).toBe(`localhost:5000/app@${d}`);
    expect(pinned(`localhost:5000/app:1@${d}`, 'sha256:other')).toBe(`localhost:5000/app:1@${d}`);
    expect(hasDigest(`app@${d}`)).toBe(true);
    expect(hasDigest('localhost:5000/app:1')).toBe(false);
  });
  it('re-pins the tag of a pinned image, not a registry port, and leaves an image pinned by digest alone', () => {
    expect(repinnable(`localhost:5000/app:1@${d}`)).toBe('localhost:5000/app:1');
    expect(repinnable(`localhost:5000/app@${d}`)).toBe(`localhost:5000/app@${d}`);
    expect(repinnable('localhost:5000/app')).toBe('localhost:5000/app');
  });
});
