// The softphone bundle's entry: window.SwitchboardSoftphone.start(options) runs the phone;
// createRenderer draws a view without a core (tests, previews).
import { start } from './app.js';
import { createRenderer } from './render.js';

globalThis.SwitchboardSoftphone = { start, createRenderer };
