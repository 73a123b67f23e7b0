'use strict';
/*
 * A bounded, live terminal view: lines arrive in bursts (10 000 a second is fine), are queued
 * and drawn once per animation frame; the view keeps at most `capacity` lines and says how many
 * it dropped. Lines carry the server's sequence numbers, so lines dropped before the page
 * connected count too.
 */
class HcrTerminal {
  constructor(box, capacity, lineClass, droppedNode, countNode) {
    this.box = box;
    this.capacity = capacity;
    this.lineClass = lineClass;
    this.droppedNode = droppedNode;
    this.countNode = countNode;
    this.pending = [];
    this.lastSeq = 0;
    this.scheduled = false;
    this.follow = true;
  }

  reset(lines, droppedBefore) {
    HcrViews.clear(this.box);
    this.pending = [];
    this.lastSeq = lines.length ? lines[lines.length - 1].seq : droppedBefore;
    this.pending = lines.slice();
    this.schedule();
  }

  add(line) {
    if (line.seq <= this.lastSeq) return;
    this.lastSeq = line.seq;
    this.pending.push(line);
    if (this.pending.length > this.capacity) this.pending.splice(0, this.pending.length - this.capacity);
    this.schedule();
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
    const fragment = document.createDocumentFragment();
    for (const line of this.pending) {
      const div = document.createElement('div');
      div.className = this.lineClass(line);
      div.dataset.seq = line.seq;
      HcrAnsi.render(div, line.text);
      fragment.appendChild(div);
    }
    this.pending = [];
    this.box.appendChild(fragment);
    let extra = this.box.childElementCount - this.capacity;
    while (extra-- > 0) this.box.removeChild(this.box.firstChild);
    const kept = this.box.childElementCount;
    const dropped = this.lastSeq - kept;
    if (this.countNode) this.countNode.textContent = `${kept} lines`;
    if (this.droppedNode) {
      this.droppedNode.hidden = dropped <= 0;
      this.droppedNode.dataset.dropped = String(Math.max(0, dropped));
      this.droppedNode.textContent = `${dropped} earlier lines dropped`;
    }
    if (this.follow) this.box.scrollTop = this.box.scrollHeight;
  }
}
