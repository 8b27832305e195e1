"""The field app's script (``/falt/app.js``): walks, observations, photos and the offline queue.

Everything the user writes goes to IndexedDB first (database ``hotspots-falt``) and is sent
from there, so nothing is lost without network:

- ``walks`` (key ``uid``): a walk started on the phone; ``server_id`` once created.
- ``obs`` (key ``client_id``, a UUID made on the phone): an observation; ``server_id`` once
  the server has acknowledged it. The API stores a ``client_id`` once, so an upload whose
  answer was lost is simply sent again.
- ``photos`` (key ``uid``): one resized JPEG each, sent after its observation is
  acknowledged, under the file name ``<uid>.jpg``. A photo whose upload may have reached the
  server (``tried``) is looked up on the observation before it is sent again: retried, never
  stored twice.

Sending runs on start, after every save, on the browser's ``online`` event and every
:data:`RETRY_S` seconds; one round at a time. The texts come from the page (``#falt-config``,
translated on the server); this file holds no user-visible words.
"""

from __future__ import annotations

__all__ = ["APP_JS", "RETRY_S"]

#: Seconds between two attempts to send what is waiting.
RETRY_S = 15

APP_JS = r"""
'use strict';
(function () {
const CFG = JSON.parse(document.getElementById('falt-config').textContent);
const T = CFG.texts;
const $ = (id) => document.getElementById(id);
const fmt = (s, v) => s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? String(v[k]) : m));

// ------------------------------------------------------------------ small helpers
function uuid() {
  // crypto.randomUUID needs a secure context; getRandomValues does not.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' +
    h.slice(16, 20) + '-' + h.slice(20);
}
function metres(a, b) {
  const r = 6371008.8, rad = Math.PI / 180;
  const dlat = (b.lat - a.lat) * rad, dlon = (b.lon - a.lon) * rad;
  const s = Math.sin(dlat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dlon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(s));
}
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);  // text is never parsed as HTML
  return e;
}
function say(text, kind) {
  const box = $('message');
  box.textContent = text || '';
  box.className = kind || '';
}
function withLang(path) { return CFG.lang === 'en' ? path + '?lang=en' : path; }

// ------------------------------------------------------------------ IndexedDB
let dbp = null;
function db() {
  if (!dbp) {
    dbp = new Promise((resolve, reject) => {
      const req = indexedDB.open('hotspots-falt', 1);
      req.onupgradeneeded = () => {
        const d = req.result;
        d.createObjectStore('walks', {keyPath: 'uid'});
        d.createObjectStore('obs', {keyPath: 'client_id'});
        d.createObjectStore('photos', {keyPath: 'uid'});
        d.createObjectStore('meta', {keyPath: 'k'});
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  return dbp;
}
async function tx(store, mode, fn) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction(store, mode);
    const s = t.objectStore(store);
    let out;
    const r = fn(s);
    if (r) r.onsuccess = () => { out = r.result; };
    t.oncomplete = () => resolve(out);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}
const all = (store) => tx(store, 'readonly', (s) => s.getAll());
const get = (store, key) => tx(store, 'readonly', (s) => s.get(key));
const put = (store, value) => tx(store, 'readwrite', (s) => s.put(value));
async function putMany(items) {
  // an observation and its photos are kept together or not at all
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction(['obs', 'photos'], 'readwrite');
    for (const [store, value] of items) t.objectStore(store).put(value);
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new Error('abort'));
  });
}

// ------------------------------------------------------------------ the API
class NetError extends Error {}
class AuthError extends Error {}
class LaterError extends Error {}
async function api(method, url, body, timeoutMs) {
  const opts = {method, credentials: 'same-origin', headers: {Accept: 'application/json'}};
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) {
    opts.body = JSON.stringify(body);
    opts.headers['Content-Type'] = 'application/json';
  }
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs || 30000);
  let r;
  try {
    r = await fetch(url, {...opts, signal: ctrl.signal});
  } catch (e) {
    throw new NetError(String(e));
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  if (r.status === 401) throw new AuthError();
  if (r.status >= 500 || r.status === 429 || r.status === 408) throw new LaterError(r.status);
  return {status: r.status, data};
}
function detail(res) {
  const d = res.data && res.data.detail;
  if (typeof d === 'string') return d;
  if (Array.isArray(d) && d.length) return d.map((x) => x.msg || '').join('; ');
  return 'HTTP ' + res.status;
}

// ------------------------------------------------------------------ sending what waits
let syncing = false;
let again = false;
async function sendWalk(w) {
  const body = {name: w.name, area: w.area, walked_on: w.walked_on || null,
    participants: w.participants};
  const res = await api('POST', '/api/v1/walks', body);
  if (res.status === 201) {
    w.server_id = res.data.id;
  } else if (res.status === 409) {
    w.server_id = await findWalk(w.name);  // created before, the answer was lost
    if (!w.server_id) w.error = detail(res);
  } else {
    w.error = detail(res);
  }
  await put('walks', w);
}
async function findWalk(name) {
  for (let offset = 0; offset < 100000; offset += 500) {
    const res = await api('GET', '/api/v1/walks?limit=500&offset=' + offset);
    if (res.status !== 200) return null;
    const hit = res.data.items.find((x) => x.name === name);
    if (hit) return hit.id;
    if (!res.data.next) return null;
  }
  return null;
}
async function sendObs(o, walks) {
  let walkId = null;
  if (o.walk_uid) {
    const w = walks[o.walk_uid];
    if (!w || !w.server_id) return;  // its walk first
    walkId = w.server_id;
  }
  const body = {category: o.category, lon: o.lon, lat: o.lat, accuracy_m: o.accuracy_m,
    occurred_at: o.occurred_at, walk_id: walkId, description: o.description || null,
    severity: o.severity, client_id: o.client_id};
  const res = await api('POST', '/api/v1/observations', body);
  if (res.status === 201 || res.status === 200) {
    o.server_id = res.data.id;
    o.status = res.data.status;
  } else {
    o.error = detail(res);
  }
  await put('obs', o);
}
async function sendPhoto(p, obs) {
  const o = obs[p.obs];
  if (!o || !o.server_id) return;  // after its observation
  const url = '/api/v1/observations/' + o.server_id;
  if (p.tried) {
    // an earlier upload may have arrived although its answer did not: look first
    const res = await api('GET', url);
    if (res.status === 200 && res.data.photos.some((x) => x.filename === p.name)) {
      p.done = true; p.blob = null;
      await put('photos', p);
      return;
    }
  }
  p.tried = true;
  await put('photos', p);
  const form = new FormData();
  form.append('file', p.blob, p.name);
  const res = await api('POST', url + '/photos', form, 120000);
  if (res.status === 201) {
    p.done = true; p.blob = null;  // the server has it: free the phone's storage
  } else {
    p.error = detail(res);
  }
  await put('photos', p);
}
async function sync() {
  if (syncing) { again = true; return; }
  if (!navigator.onLine) { await render(); return; }
  syncing = true;
  try {
    const walks = {};
    for (const w of await all('walks')) {
      if (!w.server_id && !w.error) await sendWalk(w);
      walks[w.uid] = w;
    }
    const obs = {};
    for (const o of await all('obs')) {
      if (!o.server_id && !o.error) await sendObs(o, walks);
      obs[o.client_id] = o;
    }
    for (const p of await all('photos')) {
      if (!p.done && !p.error) await sendPhoto(p, obs);
    }
    say('');
  } catch (e) {
    if (e instanceof AuthError) say(T.login_again, 'error');
    else if (!(e instanceof NetError || e instanceof LaterError)) say(String(e), 'error');
    // otherwise: offline or the server is busy; the timer tries again
  } finally {
    syncing = false;
    await render();
    if (again) { again = false; setTimeout(sync, 0); }
  }
}

// ------------------------------------------------------------------ what the page shows
let current = null;  // the walk being walked
async function render() {
  const [obs, photos] = await Promise.all([all('obs'), all('photos')]);
  const nObs = obs.filter((o) => !o.server_id && !o.error).length;
  const nPhotos = photos.filter((p) => !p.done && !p.error).length;
  const failed = obs.filter((o) => o.error).length + photos.filter((p) => p.error).length;
  const box = $('waiting');
  box.dataset.observations = nObs;
  box.dataset.photos = nPhotos;
  box.dataset.failed = failed;
  box.textContent = (nObs || nPhotos)
    ? fmt(T.waiting, {observations: nObs, photos: nPhotos}) : T.all_sent;
  if (failed) box.textContent += ' ' + fmt(T.failed, {n: failed});
  box.className = (nObs || nPhotos) ? 'waiting' : 'sent';
  const online = navigator.onLine;
  $('net').textContent = online ? T.online : T.offline;
  $('net').className = online ? 'net on' : 'net off';
  if (current) {
    const w = (await get('walks', current.uid)) || current;
    current = w;
    const link = $('walk-summary');
    if (w.server_id) {
      link.href = withLang('/falt/vandring/' + w.server_id);
      link.hidden = false;
    } else link.hidden = true;
    renderObs(obs.filter((o) => o.walk_uid === w.uid), photos);
  }
}
function renderObs(list, photos) {
  const ul = $('obs-list');
  ul.replaceChildren();
  list.sort((a, b) => (a.occurred_at < b.occurred_at ? 1 : -1));
  for (const o of list) {
    const ph = photos.filter((p) => p.obs === o.client_id);
    const state = o.error ? fmt(T.refused, {reason: o.error})
      : o.server_id ? T.sent : T.not_sent;
    const phState = ph.length ? ' · ' + fmt(T.photos_sent,
      {sent: ph.filter((p) => p.done).length, n: ph.length}) : '';
    const when = new Date(o.occurred_at).toLocaleTimeString(CFG.lang, {hour: '2-digit',
      minute: '2-digit'});
    ul.append(el('li', {class: o.server_id ? 'ok' : 'wait'},
      el('strong', {}, o.item_label || o.category), ' ', when,
      el('br'), (o.description || ''), el('br'),
      el('small', {}, state + phState)));
    for (const p of ph.filter((x) => x.error)) {
      ul.append(el('li', {class: 'error'}, fmt(T.photo_refused, {reason: p.error})));
    }
  }
  drawMarkers(list);
}

// ------------------------------------------------------------------ walks
function today() {
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' +
    String(d.getDate()).padStart(2, '0');
}
async function startWalk(ev) {
  ev.preventDefault();
  const area = $('walk-area').value.trim();
  if (!area) { say(T.area_needed, 'error'); return; }
  const date = $('walk-date').value || today();
  const n = $('walk-participants').value;
  const uid = uuid();
  // names are unique on the server: the short id keeps two teams in one area apart
  const w = {uid, name: area + ' ' + date + ' · ' + uid.slice(0, 4), area, walked_on: date,
    participants: n === '' ? null : Math.max(0, parseInt(n, 10) || 0),
    created: Date.now(), server_id: null};
  await put('walks', w);
  await openWalk(w);
  sync();
}
async function openWalk(w) {
  current = w;
  await put('meta', {k: 'current', uid: w.uid});
  $('walk-start').hidden = true;
  $('walk-view').hidden = false;
  $('walk-title').textContent = w.name;
  ensureMap();
  watchPosition();
  await render();
}
async function leaveWalk() {
  current = null;
  await put('meta', {k: 'current', uid: null});
  $('walk-view').hidden = true;
  $('walk-start').hidden = false;
  await listWalks();
}
async function listWalks() {
  const ul = $('walk-list');
  const local = (await all('walks')).sort((a, b) => b.created - a.created);
  const known = new Set(local.map((w) => w.server_id).filter(Boolean));
  let remote = [];
  if (navigator.onLine) {
    try {
      const head = await api('GET', '/api/v1/walks?limit=1', undefined, 8000);
      if (head.status === 200) {
        const offset = Math.max(0, head.data.total - 20);
        const res = await api('GET', '/api/v1/walks?limit=20&offset=' + offset, undefined, 8000);
        if (res.status === 200) remote = res.data.items.reverse();
      }
    } catch (e) { remote = []; }
  }
  ul.replaceChildren();
  const add = (w) => ul.append(el('li', {}, el('button', {type: 'button', class: 'link',
    onclick: () => openWalk(w)}, w.name)));
  local.slice(0, 20).forEach(add);
  for (const r of remote) {
    if (known.has(r.id)) continue;
    add({uid: 'server-' + r.id, server_id: r.id, name: r.name, area: r.area,
      walked_on: r.walked_on, participants: r.participants, created: 0});
  }
  $('walk-list-empty').hidden = ul.children.length > 0;
}

// ------------------------------------------------------------------ map and position
let map = null, here = null, hereCircle = null, chosen = null, markers = null;
let pos = null;       // {lon, lat, accuracy_m, source: 'gps' | 'map'}
let gps = null;       // the latest GPS fix
let watching = false;
function ensureMap() {
  if (map || typeof L === 'undefined') return;
  map = L.map('map', {zoomControl: true}).setView(CFG.center, CFG.zoom);
  if (CFG.tiles) {
    L.tileLayer(CFG.tiles, {maxZoom: 19, attribution: CFG.attribution}).addTo(map);
  }
  markers = L.layerGroup().addTo(map);
  map.on('click', (e) => {
    pos = {lon: e.latlng.lng, lat: e.latlng.lat, accuracy_m: null, source: 'map'};
    if (!chosen) chosen = L.marker(e.latlng).addTo(map);
    else chosen.setLatLng(e.latlng);
    showPosition();
  });
}
function drawMarkers(list) {
  if (!markers) return;
  markers.clearLayers();
  for (const o of list) {
    if (o.lat == null) continue;
    L.circleMarker([o.lat, o.lon], {radius: 6, color: o.server_id ? '#1b7f3b' : '#b35c00'})
      .addTo(markers);
  }
}
function showPosition() {
  const box = $('position');
  let text, kind = '';
  if (pos && pos.source === 'map') {
    text = T.position_map;
    $('use-gps').hidden = !gps;
  } else if (gps && gps.error) {
    text = fmt(T.position_denied, {reason: gps.error}); kind = 'error';
  } else if (gps && gps.accuracy_m > CFG.max_accuracy_m) {
    text = fmt(T.position_inaccurate, {m: Math.round(gps.accuracy_m)}); kind = 'error';
  } else if (gps) {
    text = fmt(T.position_gps, {m: Math.round(gps.accuracy_m)});
  } else {
    text = T.position_searching;
  }
  if (!(pos && pos.source === 'map')) $('use-gps').hidden = true;
  box.textContent = text;
  box.className = kind;
  box.dataset.source = pos ? pos.source : '';
  box.dataset.accuracy = pos && pos.accuracy_m != null ? pos.accuracy_m : '';
}
function watchPosition() {
  if (watching) return;
  watching = true;
  if (!('geolocation' in navigator)) {
    gps = {error: T.no_gps};
    showPosition();
    return;
  }
  navigator.geolocation.watchPosition((p) => {
    gps = {lon: p.coords.longitude, lat: p.coords.latitude, accuracy_m: p.coords.accuracy};
    if (!pos || pos.source === 'gps') {
      pos = gps.accuracy_m <= CFG.max_accuracy_m ? {...gps, source: 'gps'} : null;
    }
    if (map) {
      const ll = [gps.lat, gps.lon];
      if (!here) {
        here = L.circleMarker(ll, {radius: 7, color: '#1d4e89', fillOpacity: 0.9}).addTo(map);
        hereCircle = L.circle(ll, {radius: gps.accuracy_m, weight: 1}).addTo(map);
        map.setView(ll, 17);
      } else {
        here.setLatLng(ll); hereCircle.setLatLng(ll); hereCircle.setRadius(gps.accuracy_m);
      }
    }
    showPosition();
  }, (err) => {
    gps = {error: err.code === 1 ? T.gps_denied : T.gps_unavailable};
    if (pos && pos.source === 'gps') pos = null;
    showPosition();
  }, {enableHighAccuracy: true, maximumAge: 10000, timeout: 30000});
  showPosition();
}
function useGps() {
  if (chosen) { chosen.remove(); chosen = null; }
  pos = gps && !gps.error && gps.accuracy_m <= CFG.max_accuracy_m ? {...gps, source: 'gps'} : null;
  showPosition();
}

// ------------------------------------------------------------------ photos
let pending = [];  // {uid, blob, url} of the form being filled in
function loadImage(file) {
  if (window.createImageBitmap) {
    return createImageBitmap(file, {imageOrientation: 'from-image'}).catch(() => viaImg(file));
  }
  return viaImg(file);
}
function viaImg(file) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('image')); };
    img.src = url;
  });
}
function toBlob(canvas, quality) {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}
async function shrink(file) {
  const img = await loadImage(file);
  const w = img.width, h = img.height;
  const scale = Math.min(1, CFG.max_photo_px / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
  if (img.close) img.close();
  for (const q of [0.85, 0.7, 0.5]) {
    const blob = await toBlob(canvas, q);
    if (blob && blob.size <= CFG.max_photo_bytes) return blob;
  }
  return null;
}
async function addPhotos() {
  const input = $('photos');
  const files = Array.from(input.files || []);
  input.value = '';
  for (const f of files) {
    let blob = null;
    try {
      blob = await shrink(f);
    } catch (e) {
      say(fmt(T.photo_unreadable, {name: f.name}), 'error');
      continue;
    }
    if (!blob) {
      say(fmt(T.photo_too_large, {name: f.name, mb: CFG.max_photo_mb}), 'error');
      continue;
    }
    pending.push({uid: uuid(), blob, url: URL.createObjectURL(blob)});
  }
  showPending();
}
function showPending() {
  const box = $('photo-list');
  box.replaceChildren();
  for (const p of pending) {
    const remove = el('button', {type: 'button', class: 'remove', 'aria-label': T.remove_photo,
      onclick: () => {
        URL.revokeObjectURL(p.url);
        pending = pending.filter((x) => x !== p);
        showPending();
      }}, '×');
    box.append(el('span', {class: 'thumb'}, el('img', {src: p.url, alt: ''}), remove));
  }
  box.dataset.count = pending.length;
}

// ------------------------------------------------------------------ saving
function readForm() {
  const sel = $('item');
  const opt = sel.options[sel.selectedIndex];
  if (!opt || !opt.value) { say(T.item_needed, 'error'); return null; }
  if (!pos) {
    say(gps && gps.accuracy_m > CFG.max_accuracy_m
      ? fmt(T.position_inaccurate, {m: Math.round(gps.accuracy_m)}) : T.position_needed, 'error');
    return null;
  }
  const sev = document.querySelector('input[name=severity]:checked');
  const note = $('note').value.trim();
  const item = opt.textContent;
  return {
    client_id: uuid(), walk_uid: current.uid, item: opt.value, item_label: item,
    category: opt.dataset.category,
    lon: Math.round(pos.lon * 1e7) / 1e7, lat: Math.round(pos.lat * 1e7) / 1e7,
    accuracy_m: pos.accuracy_m == null ? null : Math.round(pos.accuracy_m * 10) / 10,
    occurred_at: new Date().toISOString(),
    severity: sev ? parseInt(sev.value, 10) : null,
    description: note ? item + ' – ' + note : item,
    server_id: null,
  };
}
async function nearby(o) {
  const found = [];
  for (const x of await all('obs')) {
    if (x.category === o.category && x.lat != null && !x.server_id && metres(o, x) <= 50) {
      found.push({text: x.description || x.category, d: metres(o, x)});
    }
  }
  if (navigator.onLine) {
    const dlat = 50 / 111320, dlon = 50 / (111320 * Math.cos(o.lat * Math.PI / 180));
    const bbox = [o.lon - dlon, o.lat - dlat, o.lon + dlon, o.lat + dlat]
      .map((v) => v.toFixed(6)).join(',');
    const q = '/api/v1/observations?limit=50&status=ny&status=rapporterad&category=' +
      encodeURIComponent(o.category) + '&bbox=' + bbox;
    try {
      const res = await api('GET', q, undefined, 5000);
      if (res.status === 200) {
        for (const x of res.data.items) {
          const d = metres(o, x);
          if (d <= 50) {
            const when = new Date(x.occurred_from).toLocaleDateString(CFG.lang);
            found.push({text: when + ': ' + (x.description || x.category) + ' (' + x.status +
              ')', d});
          }
        }
      }
    } catch (e) { /* no answer: save without the check */ }
  }
  return found.sort((a, b) => a.d - b.d);
}
let draft = null;
async function save(ev) {
  ev.preventDefault();
  const o = readForm();
  if (!o) return;
  $('save').disabled = true;
  try {
    const near = await nearby(o);
    if (near.length) {
      draft = o;
      const ul = $('nearby-list');
      ul.replaceChildren(...near.map((x) => el('li', {}, x.text + ' · ' +
        fmt(T.metres_away, {m: Math.round(x.d)}))));
      $('nearby').hidden = false;
      $('nearby').scrollIntoView({block: 'center'});
      return;
    }
    await store(o);
  } finally {
    $('save').disabled = false;
  }
}
async function store(o) {
  const photos = pending.map((p) => ({uid: p.uid, obs: o.client_id, blob: p.blob,
    name: p.uid + '.jpg', done: false, tried: false}));
  await putMany([['obs', o], ...photos.map((p) => ['photos', p])]);
  pending.forEach((p) => URL.revokeObjectURL(p.url));
  pending = [];
  showPending();
  $('note').value = '';
  $('item').selectedIndex = 0;
  if (chosen) { chosen.remove(); chosen = null; }
  useGps();
  say(navigator.onLine ? T.saved : T.saved_offline, 'ok');
  await render();
  sync();
}

// ------------------------------------------------------------------ start
async function main() {
  $('walk-date').value = today();
  $('walk-form').addEventListener('submit', startWalk);
  $('obs-form').addEventListener('submit', save);
  $('photos').addEventListener('change', addPhotos);
  $('use-gps').addEventListener('click', useGps);
  $('walk-leave').addEventListener('click', leaveWalk);
  $('save-anyway').addEventListener('click', async () => {
    $('nearby').hidden = true;
    if (draft) { const o = draft; draft = null; await store(o); }
  });
  $('cancel-save').addEventListener('click', () => {
    $('nearby').hidden = true; draft = null; say(T.not_saved);
  });
  window.addEventListener('online', () => { render(); sync(); });
  window.addEventListener('offline', () => render());
  setInterval(sync, CFG.retry_s * 1000);
  const meta = await get('meta', 'current');
  const w = meta && meta.uid ? await get('walks', meta.uid) : null;
  if (w) await openWalk(w); else await listWalks();
  await render();
  sync();
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('/falt/sw.js', {scope: '/falt'}).catch(() => {});
  }
}
main().catch((e) => say(String(e), 'error'));
})();
"""
