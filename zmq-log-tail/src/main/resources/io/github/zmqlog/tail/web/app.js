// zmq-log-tail web: the page. Log text is attacker-controlled: it only ever reaches the
// document through textContent and text nodes, never as HTML.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const linesEl = $('lines');
  const filterEl = $('filter');
  const searchEl = $('search');
  const pauseEl = $('pause');

  const state = {
    maxLines: 5000,
    source: null,
    paused: false,
    held: [],          // what arrived while paused, the newest maxLines of it
    heldCount: 0,      // how much arrived while paused
    pending: [],       // waiting for the next render
    renderScheduled: false,
    droppedEarlier: 0, // dropped at the server on earlier streams of this page
    droppedStream: 0,  // dropped at the server on this stream
    missed: 0,         // [missed N events] the source reported
    arrivals: 0,       // this second
    rate: 0,
    received: 0,
    search: '',
    following: true,
    firstHello: true
  };
  window.zmqlogWeb = state;

  function parsePrefixes(text) {
    return text.split(/[\s,]+/).filter((p) => p.length > 0);
  }

  function connect(query) {
    if (state.source) {
      state.source.close();
    }
    state.droppedEarlier += state.droppedStream;
    state.droppedStream = 0;
    setStatus('connecting', '');
    const source = new EventSource('events' + query);
    state.source = source;
    source.addEventListener('open', () => setStatus('live', 'live'));
    source.addEventListener('error', () => {
      setStatus(source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting', 'down');
    });
    source.addEventListener('hello', (e) => {
      const hello = JSON.parse(e.data);
      state.maxLines = hello.lines;
      $('kept').textContent = 'keeps the last ' + hello.lines + ' lines';
      state.droppedEarlier += state.droppedStream;
      state.droppedStream = 0;
      if (state.firstHello) {
        filterEl.value = hello.prefixes.join(' ');
        state.firstHello = false;
      }
      document.body.dataset.prefixes = JSON.stringify(hello.prefixes);
      showCounts();
    });
    source.addEventListener('line', (e) => arrive({ line: JSON.parse(e.data) }));
    source.addEventListener('history', (e) => {
      const batch = JSON.parse(e.data).lines;
      batch.forEach((line) => arrive({ line: line, history: true }));
      arrive({ seam: 'history above (' + batch.length + '), live below' });
    });
    source.addEventListener('missed', (e) => {
      const n = JSON.parse(e.data).n;
      state.missed += n;
      arrive({ marker: '[missed ' + n + ' events]' });
      showCounts();
    });
    source.addEventListener('dropped', (e) => {
      state.droppedStream = JSON.parse(e.data).n;
      showCounts();
    });
  }

  function setStatus(text, cls) {
    const el = $('status');
    el.textContent = text;
    el.className = 'status ' + cls;
  }

  function applyFilter() {
    const prefixes = parsePrefixes(filterEl.value);
    const query = prefixes.map((p) => 'topic=' + encodeURIComponent(p)).join('&');
    connect(query ? '?' + query : '');
  }

  function arrive(item) {
    if (item.line) {
      state.arrivals++;
      state.received++;
    }
    if (state.paused) {
      state.heldCount += item.line ? 1 : 0;
      keepNewest(state.held, item);
      showCounts();
      return;
    }
    keepNewest(state.pending, item);
    scheduleRender();
  }

  // Bounded: a hidden tab renders rarely, a paused one not at all.
  function keepNewest(list, item) {
    list.push(item);
    if (list.length > 2 * state.maxLines) {
      list.splice(0, list.length - state.maxLines);
    }
  }

  function scheduleRender() {
    if (state.renderScheduled) {
      return;
    }
    state.renderScheduled = true;
    if (document.hidden) {
      setTimeout(render, 500);
    }
    else {
      requestAnimationFrame(render);
    }
  }

  function render() {
    state.renderScheduled = false;
    const items = state.pending.length > state.maxLines
      ? state.pending.slice(state.pending.length - state.maxLines) : state.pending;
    state.pending = [];
    const fragment = document.createDocumentFragment();
    items.forEach((item) => fragment.appendChild(element(item)));
    linesEl.appendChild(fragment);
    while (linesEl.childElementCount > state.maxLines) {
      linesEl.firstElementChild.remove();
    }
    if (state.following) {
      linesEl.scrollTop = linesEl.scrollHeight;
    }
    showMatches();
  }

  function element(item) {
    const div = document.createElement('div');
    if (item.line) {
      const line = item.line;
      div.className = 'line' + (line.l ? ' lvl-' + line.l : '') + (item.history ? ' history' : '');
      div.appendChild(span('time', item.history ? 'history' : clock()));
      div.appendChild(span('topic', line.t));
      div.appendChild(span('msg', line.m));
      if (line.x) {
        div.appendChild(span('marks', line.x));
      }
      highlight(div);
    }
    else {
      div.className = 'line ' + (item.marker ? 'marker' : 'seam');
      div.appendChild(span('msg', item.marker || item.seam));
    }
    return div;
  }

  function span(cls, text) {
    const el = document.createElement('span');
    el.className = cls;
    el.textContent = text;
    el.rawText = text;
    return el;
  }

  function clock() {
    const now = new Date();
    const pad = (n, w) => String(n).padStart(w, '0');
    return pad(now.getHours(), 2) + ':' + pad(now.getMinutes(), 2) + ':' + pad(now.getSeconds(), 2) + '.'
      + pad(now.getMilliseconds(), 3);
  }

  // Marks the search text in a line's topic and message, with text nodes and <mark>
  // elements built one by one: the text stays text.
  function highlight(div) {
    let matched = false;
    div.querySelectorAll('.topic, .msg').forEach((el) => {
      const text = el.rawText;
      const needle = state.search.toLowerCase();
      if (!needle) {
        if (el.childElementCount > 0) {
          el.textContent = text;
        }
        return;
      }
      const lower = text.toLowerCase();
      let at = lower.indexOf(needle);
      if (at < 0) {
        if (el.childElementCount > 0) {
          el.textContent = text;
        }
        return;
      }
      matched = true;
      el.textContent = '';
      let from = 0;
      while (at >= 0) {
        el.appendChild(document.createTextNode(text.slice(from, at)));
        const mark = document.createElement('mark');
        mark.textContent = text.slice(at, at + needle.length);
        el.appendChild(mark);
        from = at + needle.length;
        at = lower.indexOf(needle, from);
      }
      el.appendChild(document.createTextNode(text.slice(from)));
    });
    div.classList.toggle('match', matched);
  }

  function showMatches() {
    $('matches').textContent = state.search
      ? linesEl.querySelectorAll('.line.match').length + ' matching' : '';
  }

  function setSearch(text) {
    state.search = text;
    linesEl.querySelectorAll('.line').forEach(highlight);
    showMatches();
  }

  function togglePause() {
    state.paused = !state.paused;
    pauseEl.classList.toggle('paused', state.paused);
    pauseEl.textContent = state.paused ? 'Resume' : 'Pause';
    if (!state.paused) {
      state.held.forEach((item) => keepNewest(state.pending, item));
      state.held = [];
      state.heldCount = 0;
      scheduleRender();
    }
    showCounts();
  }

  function showCounts() {
    $('held').textContent = state.paused ? 'paused: ' + state.heldCount + ' new' : '';
    const dropped = state.droppedEarlier + state.droppedStream;
    $('dropped').textContent = dropped > 0 ? dropped + ' dropped by the server (page too slow)' : '';
    $('missed').textContent = state.missed > 0 ? state.missed + ' missed at the source' : '';
  }

  setInterval(() => {
    state.rate = state.arrivals;
    state.arrivals = 0;
    $('rate').textContent = state.rate + ' ev/s';
  }, 1000);

  linesEl.addEventListener('scroll', () => {
    state.following = linesEl.scrollTop + linesEl.clientHeight >= linesEl.scrollHeight - 4;
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && state.pending.length > 0) {
      state.renderScheduled = false;
      scheduleRender();
    }
  });
  $('filter-form').addEventListener('submit', (e) => {
    e.preventDefault();
    applyFilter();
    filterEl.blur();
  });
  searchEl.addEventListener('input', () => setSearch(searchEl.value));
  $('only-matches').addEventListener('change', (e) => linesEl.classList.toggle('only-matches', e.target.checked));
  pauseEl.addEventListener('click', togglePause);
  $('clear').addEventListener('click', () => {
    linesEl.textContent = '';
    showMatches();
  });
  document.addEventListener('keydown', (e) => {
    const inField = e.target instanceof HTMLInputElement;
    if (e.key === 'Escape' && inField) {
      e.target.blur();
      return;
    }
    if (inField || e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    if (e.key === 'p' || e.key === ' ') {
      e.preventDefault();
      togglePause();
    }
    else if (e.key === 'f') {
      e.preventDefault();
      filterEl.focus();
      filterEl.select();
    }
    else if (e.key === '/') {
      e.preventDefault();
      searchEl.focus();
    }
    else if (e.key === 'End') {
      state.following = true;
      linesEl.scrollTop = linesEl.scrollHeight;
    }
  });

  connect('?defaults');
})();
