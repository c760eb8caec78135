// The SLDS utility icons the softphone shows. The build inlines exactly these, as SVG paths read from
// @salesforce-ux/design-system; a name missing here renders as an empty icon and fails the UI tests.
export const ICON_NAMES = [
  'back', 'call', 'cancel_transfer', 'check', 'chevrondown', 'clock', 'close', 'end_call', 'error',
  'forward', 'incoming_call', 'info', 'keypad', 'merge', 'missed_call', 'muted', 'note', 'outbound_call',
  'pause', 'play', 'unmuted', 'warning',
];
