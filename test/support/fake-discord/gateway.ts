/**
 * The fake gateway: plain ws://, JSON encoding, no compression (what @discordjs/ws 1.x asks for when
 * zlib-sync is not installed). HELLO -> IDENTIFY -> READY + GUILD_CREATE, heartbeats, RESUME with
 * replay of missed dispatches, INVALID_SESSION for unknown sessions, sharding by
 * (guild_id >> 22) % shard_count, REQUEST_GUILD_MEMBERS -> GUILD_MEMBERS_CHUNK.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { type Fixtures, Intents, randomToken, shardOf } from './fixtures.js';

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** Intent bits the "developer portal" has not enabled: IDENTIFY with them closes with 4014. */
  deniedIntents: number;
  fixtures: Fixtures;
  /** Hold every READY until `releaseReady()` (a bot seen between IDENTIFY and READY). */
  holdReady?: boolean;
  url: () => string;
  violation: (v: string) => void;
}

export interface Identify { shard?: [number, number]; intents: number; token: string }

export interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  log: Array<{ op: 0; t: string; s: number; d: unknown }>;
  socket: WebSocket | null;
  invalid: boolean;
  createdAt: number;
}

interface Conn { session: Session | null }

/** Close codes after which a session cannot be resumed. */
const NON_RESUMABLE = new Set([1000, 1001, 4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);
const KNOWN_OPS = new Set([1, 2, 3, 4, 6, 8, 31]);

export class Gateway {
  readonly identifies: Identify[] = [];
  readonly sessions: Session[] = [];
  resumes = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly events = new EventEmitter();
  private readonly serverCloseCode = new WeakMap<WebSocket, number>();

  constructor(private readonly opts: GatewayOptions) {
    this.events.setMaxListeners(0);
    if (opts.holdReady) this.held = [];
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
  }

  private violation(what: string): void {
    this.opts.violation(`GATEWAY ${what}`);
  }

  private onConnection(ws: WebSocket, url: URL): void {
    const conn: Conn = { session: null };
    ws.on('error', () => undefined);
    ws.on('close', (code) => this.onClose(ws, conn, code));
    ws.on('message', (data, isBinary) => this.onMessage(ws, conn, data, isBinary));
    const v = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding');
    const compress = url.searchParams.get('compress');
    if (v !== '10') {
      this.violation(`connect: ?v=${v} (expected 10)`);
      return this.closeWith(ws, 4012, 'Invalid API version');
    }
    if (encoding !== 'json') {
      this.violation(`connect: ?encoding=${encoding} (the fake speaks json only)`);
      return this.closeWith(ws, 4002, 'Decode error');
    }
    if (compress) this.violation(`connect: compress=${compress} requested; the fake does not compress`);
    this.send(ws, { op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs }, s: null, t: null });
  }

  private send(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }

  private closeWith(ws: WebSocket, code: number, reason: string): void {
    this.serverCloseCode.set(ws, code);
    ws.close(code, reason);
  }

  private onClose(ws: WebSocket, conn: Conn, code: number): void {
    const s = conn.session;
    if (!s || s.socket !== ws) return;
    s.socket = null;
    const serverCode = this.serverCloseCode.get(ws);
    if (NON_RESUMABLE.has(serverCode ?? code)) s.invalid = true;
  }

  private onMessage(ws: WebSocket, conn: Conn, data: WebSocket.RawData, isBinary: boolean): void {
    let p: { op?: unknown; d?: any };
    try {
      if (isBinary) throw new Error('binary frame');
      p = JSON.parse(data.toString());
    } catch {
      this.violation('received a frame that is not JSON text');
      return this.closeWith(ws, 4002, 'Decode error');
    }
    const op = p.op;
    if (typeof op !== 'number' || !KNOWN_OPS.has(op)) {
      this.violation(`unknown opcode ${JSON.stringify(op)}`);
      return this.closeWith(ws, 4001, 'Unknown opcode');
    }
    if (op === 1) return this.send(ws, { op: 11, d: null, s: null, t: null });
    if (op === 2) return this.identify(ws, conn, p.d);
    if (op === 6) return this.resume(ws, conn, p.d);
    if (!conn.session) {
      this.violation(`op ${op} sent before IDENTIFY/RESUME`);
      return this.closeWith(ws, 4003, 'Not authenticated');
    }
    if (op === 8) this.requestMembers(conn.session, p.d);
    // op 3 (presence), 4 (voice state), 31 (soundboard): accepted, nothing to do.
  }

  private identify(ws: WebSocket, conn: Conn, d: any): void {
    if (conn.session) {
      this.violation('IDENTIFY sent twice on one connection');
      return this.closeWith(ws, 4005, 'Already authenticated');
    }
    if (!d || typeof d !== 'object') {
      this.violation('IDENTIFY without a d object');
      return this.closeWith(ws, 4002, 'Decode error');
    }
    if (d.token !== this.opts.token) {
      this.violation(`IDENTIFY with a wrong token (${JSON.stringify(String(d.token).slice(0, 12))}...)`);
      return this.closeWith(ws, 4004, 'Authentication failed.');
    }
    if (!Number.isInteger(d.intents) || d.intents < 0 || d.intents >= 1 << 26) {
      this.violation(`IDENTIFY with invalid intents ${JSON.stringify(d.intents)}`);
      return this.closeWith(ws, 4013, 'Invalid intent(s).');
    }
    if (d.intents & this.opts.deniedIntents) return this.closeWith(ws, 4014, 'Disallowed intent(s).');
    const props = d.properties;
    if (!props || typeof props.os !== 'string' || typeof props.browser !== 'string' || typeof props.device !== 'string') {
      this.violation('IDENTIFY properties must have os, browser and device strings');
    }
    let shard: [number, number] = [0, 1];
    if (d.shard !== undefined) {
      const [id, count] = Array.isArray(d.shard) ? d.shard : [];
      if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
        this.violation(`IDENTIFY with invalid shard ${JSON.stringify(d.shard)}`);
        return this.closeWith(ws, 4010, 'Invalid shard.');
      }
      shard = [id, count];
    }
    this.identifies.push({ ...(d.shard !== undefined ? { shard } : {}), intents: d.intents, token: d.token });
    if (this.held) this.held.push(() => ws.readyState === WebSocket.OPEN && this.ready(ws, conn, d, shard));
    else this.ready(ws, conn, d, shard);
  }

  private held: Array<() => void> | null = null;

  /** Sends the READY held back so far, and every later one at once. */
  releaseReady(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const send of held) send();
  }

  private ready(ws: WebSocket, conn: Conn, d: any, shard: [number, number]): void {
    const session: Session = { id: randomToken(16).replace(/[-_]/g, 'a'), shard, intents: d.intents, seq: 0, log: [], socket: ws, invalid: false, createdAt: Date.now() };
    for (const old of this.sessions) if (!old.invalid && old.shard[0] === shard[0] && old.shard[1] === shard[1] && old.socket === null) old.invalid = true;
    this.sessions.push(session);
    conn.session = session;
    const f = this.opts.fixtures;
    const guilds = f.guilds.map((g) => g.id).filter((id) => shardOf(id, shard[1]) === shard[0]);
    this.dispatch(session, 'READY', {
      v: 10, user_settings: {}, user: { ...f.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((id) => ({ id, unavailable: true })), session_id: session.id, session_type: 'normal',
      resume_gateway_url: this.opts.url(), ...(d.shard !== undefined ? { shard } : {}),
      application: { id: f.applicationId, flags: (1 << 19) | (1 << 23) },
      private_channels: [], presences: [], relationships: [], guild_join_requests: [],
      geo_ordered_rtc_regions: ['hongkong', 'singapore', 'japan'], auth: {}, _trace: ['["fake-discord",{"micros":0}]'],
    });
    for (const id of guilds) this.dispatch(session, 'GUILD_CREATE', f.guildCreate(id));
    this.events.emit('session', session);
  }

  private resume(ws: WebSocket, conn: Conn, d: any): void {
    if (conn.session) {
      this.violation('RESUME sent on an already authenticated connection');
      return this.closeWith(ws, 4005, 'Already authenticated');
    }
    if (!d || d.token !== this.opts.token) {
      this.violation('RESUME with a wrong token');
      return this.closeWith(ws, 4004, 'Authentication failed.');
    }
    const session = this.sessions.find((s) => s.id === d.session_id && !s.invalid);
    if (!session) return this.send(ws, { op: 9, d: false, s: null, t: null });
    if (!Number.isInteger(d.seq) || d.seq > session.seq) {
      this.violation(`RESUME with seq ${JSON.stringify(d.seq)} but the session is at ${session.seq}`);
      return this.closeWith(ws, 4007, 'Invalid seq.');
    }
    if (session.socket && session.socket !== ws) this.closeWith(session.socket, 4000, 'Session resumed elsewhere');
    session.socket = ws;
    conn.session = session;
    for (const p of session.log) if (p.s > d.seq) this.send(ws, p);
    this.resumes++;
    this.dispatch(session, 'RESUMED', { _trace: ['["fake-discord",{"micros":0}]'] });
    this.events.emit('session', session);
  }

  private requestMembers(session: Session, d: any): void {
    const f = this.opts.fixtures;
    const guild = f.guildById(d?.guild_id);
    if (!guild) return;
    const ids: string[] = Array.isArray(d.user_ids) ? d.user_ids : typeof d.user_ids === 'string' ? [d.user_ids] : [];
    let members = [...guild.members.keys()].map((id) => f.member(id, true, guild.id));
    if (ids.length) members = members.filter((m) => ids.includes(m.user!.id));
    else if (typeof d.query === 'string' && d.query) members = members.filter((m) => m.user!.username.toLowerCase().startsWith(d.query.toLowerCase()));
    else if (!(session.intents & Intents.GuildMembers)) this.violation('REQUEST_GUILD_MEMBERS for all members without the GUILD_MEMBERS intent');
    if (Number.isInteger(d.limit) && d.limit > 0) members = members.slice(0, d.limit);
    const notFound = ids.filter((id) => !guild.members.has(id));
    this.dispatch(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id, members, chunk_index: 0, chunk_count: 1,
      ...(notFound.length ? { not_found: notFound } : {}), ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  /** Send (or queue for replay, if the socket is down) one dispatch on a session. */
  dispatch(session: Session, t: string, d: unknown): void {
    const payload = { op: 0 as const, t, s: ++session.seq, d };
    session.log.push(payload);
    if (session.socket) this.send(session.socket, payload);
  }

  /**
   * Drops the replay log of every session that is connected: what it holds was sent already, and a
   * later RESUME replays only dispatches made after this. A disconnected session keeps its log.
   */
  forgetLog(): void {
    for (const s of this.sessions) if (s.socket) s.log.length = 0;
  }

  /** The live (not invalidated) session owning a guild, or shard 0 for DMs (guildId null). */
  sessionFor(guildId: string | null): Session | undefined {
    const owns = (s: Session) => (guildId ? shardOf(guildId, s.shard[1]) === s.shard[0] : s.shard[0] === 0);
    return [...this.sessions].reverse().find((s) => !s.invalid && owns(s));
  }

  /** Like sessionFor, but waits (up to timeoutMs) for a shard to identify. */
  async waitForSession(guildId: string | null, timeoutMs: number): Promise<Session> {
    const found = this.sessionFor(guildId);
    if (found) return found;
    return new Promise((resolve, reject) => {
      const onSession = () => {
        const s = this.sessionFor(guildId);
        if (s) {
          clearTimeout(timer);
          this.events.off('session', onSession);
          resolve(s);
        }
      };
      const timer = setTimeout(() => {
        this.events.off('session', onSession);
        reject(new Error(`fake-discord: no gateway session owns ${guildId ? `guild ${guildId}` : 'DMs (shard 0)'} after ${timeoutMs}ms; did the client log in?`));
      }, timeoutMs);
      timer.unref();
      this.events.on('session', onSession);
    });
  }

  /** Close every gateway socket: code undefined = TCP drop (client sees 1006), else a close frame. */
  drop(code?: number): void {
    for (const ws of this.wss.clients) {
      if (code === undefined) ws.terminate();
      else this.closeWith(ws, code, 'fake-discord: dropConnections');
    }
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.events.removeAllListeners();
  }
}
