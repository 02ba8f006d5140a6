import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planHosts } from '../topology/topology';
import { buildStranger, labStranger, readStranger, writeStranger } from './stranger';

const topology = { directors: 2, web: 2, databases: 2, dfsMaster: 1, chunkservers: 2, monitoring: 1, stranger: 1 };
const privateKey = '/abs/path/.lab/ssh/id_ed25519';
const hostKey = (host: { name: string }) => `ssh-ed25519 ${Buffer.from(host.name).toString('base64')}`;

describe('buildStranger', () => {
  it("logs in to the stranger as to any lab host, with the lab's key, checking its own host key", () => {
    expect(buildStranger(planHosts(topology), privateKey, hostKey)).toEqual({
      name: 'stranger',
      address: '198.18.0.250',
      port: 22,
      user: 'root',
      privateKeyPath: privateKey,
      hostKey: `ssh-ed25519 ${Buffer.from('stranger').toString('base64')}`,
    });
  });

  it('is none when the topology has no stranger', () => {
    expect(buildStranger(planHosts({ ...topology, stranger: 0 }), privateKey, hostKey)).toBeUndefined();
  });
});

describe('labStranger', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-stranger-'));
  afterAll(() => fs.rmSync(dir, { recursive: true }));
  const file = path.join(dir, 'stranger.json');

  it('reads back what lab:up wrote, and nothing once a topology without a stranger was brought up', () => {
    const stranger = buildStranger(planHosts(topology), privateKey, hostKey);
    writeStranger(file, stranger);
    expect(labStranger(file)).toEqual(stranger);
    writeStranger(file, undefined);
    expect(readStranger(file)).toBeUndefined();
  });

  it('says how to get one when there is none', () => {
    expect(() => labStranger(file)).toThrow(/run `npm run lab:up` with a topology that has one/);
  });
});
