'use strict';
/*
 * A bounded, live terminal view. The last `capacity` lines are kept in memory, but only the
 * lines in sight (and a few around them) are in the DOM: a spacer as tall as all lines gives the
 * scroll bar, and a window of rows is redrawn once per animation frame at most. So a program
 * printing 10 000 lines a second costs the page a few dozen rows a frame, not 10 000 nodes.
 * Lines carry the server's sequence numbers, so lines dropped before the page connected count
 * too; the view says how many it dropped. When the page itself fell behind, the server skips
 * lines and says how many; a marker row stands in their place.
 *
 * State for tests and tools: the box's data-lines (lines kept), data-last-seq, and the
 * dropped node's data-dropped.
 */
class HcrTerminal {
  constructor(box, capacity, lineClass, droppedNode, countNode) {
    this.box = box;
    this.capacity = capacity;
    this.lineClass = lineClass;
    this.droppedNode = droppedNode;
    this.countNode = countNode;
    this.lines = [];
    this.markers = 0;
    this.lastSeq = 0;
    this.follow = true;
    this.scheduled = false;
    this.drawn = '';
    this.spacer = document.createElement('div');
    this.spacer.className = 'term-spacer';
    this.view = document.createElement('div');
    this.view.className = 'term-view';
    box.append(this.spacer, this.view);
    box.addEventListener('scroll', () => this.schedule());
    window.addEventListener('resize', () => this.schedule());
  }

  lineHeight() {
    if (!this.height) {
      const probe = document.createElement('div');
      probe.className = this.lineClass({ stream: 'stdout', kind: 'hcr' });
      probe.textContent = 'x';
      this.view.append(probe);
      this.height = probe.getBoundingClientRect().height || 17;
      probe.remove();
    }
    return this.height;
  }

  reset(lines, droppedBefore) {
    this.lines = lines.slice(-this.capacity);
    this.markers = 0;
    this.lastSeq = lines.length ? lines[lines.length - 1].seq : droppedBefore;
    this.drawn = '';
    this.schedule();
  }

  add(line) {
    if (line.seq <= this.lastSeq) return;
    this.lastSeq = line.seq;
    this.lines.push(line);
    if (this.lines.length > this.capacity + 1000) this.trim();
    this.schedule();
  }

  /** The server skipped `count` lines for this page: a marker row stands in their place. */
  skip(count) {
    this.lines.push({ marker: true, text: `… ${count} lines skipped: this page fell behind the program` });
    this.markers++;
    this.schedule();
  }

  trim() {
    const extra = this.lines.length - this.markers - this.capacity;
    if (extra <= 0) return;
    for (const line of this.lines.slice(0, extra)) if (line.marker) this.markers--;
    this.lines.splice(0, extra);
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // an animation frame, or a timer when the tab is hidden (frames stop there)
    const run = () => { if (this.scheduled) { this.scheduled = false; this.flush(); } };
    requestAnimationFrame(run);
    setTimeout(run, 250);
  }

  flush() {
    this.trim();
    const h = this.lineHeight();
    const count = this.lines.length;
    const real = count - this.markers;
    this.spacer.style.height = (count * h) + 'px';
    if (this.follow) this.box.scrollTop = this.box.scrollHeight;
    const first = Math.max(0, Math.floor(this.box.scrollTop / h) - 10);
    const last = Math.min(count, Math.ceil((this.box.scrollTop + this.box.clientHeight) / h) + 10);
    const key = `${first}:${last}:${count}:${this.lastSeq}:${count ? this.lines[first] && this.lines[first].seq : 0}`;
    if (key !== this.drawn) {
      this.drawn = key;
      const fragment = document.createDocumentFragment();
      for (let i = first; i < last; i++) {
        const line = this.lines[i];
        const div = document.createElement('div');
        div.className = line.marker ? this.lineClass({ stream: 'skipped', kind: 'skipped' }) : this.lineClass(line);
        if (!line.marker) div.dataset.seq = line.seq;
        HcrAnsi.render(div, line.text);
        fragment.appendChild(div);
      }
      HcrViews.clear(this.view);
      this.view.style.top = (first * h) + 'px';
      this.view.appendChild(fragment);
    }
    const dropped = this.lastSeq - real;
    this.box.dataset.lines = String(real);
    this.box.dataset.lastSeq = String(this.lastSeq);
    if (this.countNode) this.countNode.textContent = `${real} lines`;
    if (this.droppedNode) {
      this.droppedNode.hidden = dropped <= 0;
      this.droppedNode.dataset.dropped = String(Math.max(0, dropped));
      this.droppedNode.textContent = `${dropped} lines dropped`;
    }
  }
}
