// Getting an agent's attention: the page title counts unread messages and flashes when a chat is given to them, a
// banner names the chat, and (if the Sound box is ticked) a short two-note chime plays through WebAudio. Browsers
// only let a page play sound after the user interacted with it, so the audio context is made on the first click
// or key press, never before; until then the chime is skipped silently.

import { byTestId, say } from '../staff/dom.js';

const FLASH_MS = 1000;

export function createNotifier() {
  const baseTitle = document.title;
  const banner = byTestId('agent-notice');
  const soundBox = byTestId('agent-sound');
  let unread = 0;
  let flashing = null;
  let flashOn = false;
  let flashTimer = null;
  let audio = null;

  function unlockAudio() {
    if (audio) return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      audio = new Context();
    } catch {
      audio = null;
    }
  }
  document.addEventListener('pointerdown', unlockAudio, { once: true, capture: true });
  document.addEventListener('keydown', unlockAudio, { once: true, capture: true });

  function chime() {
    if (!soundBox.checked || !audio || audio.state === 'closed') return;
    try {
      if (audio.state === 'suspended') audio.resume().catch(() => {});
      const start = audio.currentTime + 0.02;
      [880, 1318.5].forEach((frequency, i) => {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        const at = start + i * 0.16;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.3);
      });
    } catch {
      // No sound is no harm: the title and the banner still tell.
    }
  }

  function title() {
    const count = unread > 0 ? `(${unread}) ` : '';
    document.title = flashing && flashOn ? `● ${flashing} — ${baseTitle}` : `${count}${baseTitle}`;
  }

  return {
    /** A chat was given to the agent: flash the title and show the banner until they open it (or stop()). */
    assigned(text) {
      flashing = text;
      flashOn = true;
      say(banner, text, 'ok');
      clearInterval(flashTimer);
      flashTimer = setInterval(() => {
        flashOn = !flashOn;
        title();
      }, FLASH_MS);
      title();
      chime();
    },
    /** A shopper wrote in a chat the agent is not looking at. */
    message() {
      chime();
    },
    /** The agent has seen what the flash was about. */
    stop() {
      clearInterval(flashTimer);
      flashTimer = null;
      flashing = null;
      say(banner, '');
      title();
    },
    /** The total of unread messages, shown in the title. */
    unread(count) {
      unread = count;
      title();
    },
  };
}
