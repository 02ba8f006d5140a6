import { debianArchiveUrl } from './debian-source';

const policy = `Package files:
 100 /var/lib/dpkg/status
     release a=now
 500 http://archive.example/debian-security bookworm-security/main amd64 Packages
     release v=12,o=Debian,a=oldstable-security,n=bookworm-security,l=Debian-Security,c=main,b=amd64
     origin archive.example
 500 http://archive.example/debian bookworm-updates/main amd64 Packages
     release v=12-updates,o=Debian,a=oldstable-updates,n=bookworm-updates,l=Debian,c=main,b=amd64
     origin archive.example
 500 http://archive.example/debian bookworm/main amd64 Packages
     release v=12.15,o=Debian,a=oldstable,n=bookworm,l=Debian,c=main,b=amd64
     origin archive.example
 500 https://vendor.example/apt nodistro/main amd64 Packages
     release o=vendor,n=nodistro,c=main,b=amd64
Pinned packages:
`;

describe('debianArchiveUrl', () => {
  it("finds the machine's archive for bookworm main, not its updates, security or other vendors' suites", () => {
    expect(debianArchiveUrl(policy)).toBe('http://archive.example/debian');
  });

  it('finds nothing when the machine has no package lists for the suite', () => {
    expect(debianArchiveUrl(policy, 'trixie')).toBeUndefined();
    expect(debianArchiveUrl('Package files:\n 100 /var/lib/dpkg/status\n     release a=now\n')).toBeUndefined();
  });
});
