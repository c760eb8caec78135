import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { APPLICATION_SCOPE, MessageContext, publish, subscribe, unsubscribe } from 'lightning/messageService';
import CALL_CHANNEL from '@salesforce/messageChannel/Switchboard_Call__c';
import { formatDuration, formatLabel, parseCallMessage } from 'c/switchboardUtils';

import titleLabel from '@salesforce/label/c.Switchboard_ActiveCall_Title';
import noCallLabel from '@salesforce/label/c.Switchboard_ActiveCall_NoCall';
import noCallHintLabel from '@salesforce/label/c.Switchboard_ActiveCall_NoCallHint';
import notesLabel from '@salesforce/label/c.Switchboard_ActiveCall_Notes';
import notesPlaceholderLabel from '@salesforce/label/c.Switchboard_ActiveCall_NotesPlaceholder';
import dispositionLabel from '@salesforce/label/c.Switchboard_ActiveCall_Disposition';
import dispositionPlaceholderLabel from '@salesforce/label/c.Switchboard_ActiveCall_DispositionPlaceholder';
import wrapUpLabel from '@salesforce/label/c.Switchboard_ActiveCall_WrapUp';
import savedLabel from '@salesforce/label/c.Switchboard_ActiveCall_Saved';
import loggedLabel from '@salesforce/label/c.Switchboard_ActiveCall_Logged';
import viewTaskLabel from '@salesforce/label/c.Switchboard_ActiveCall_ViewTask';
import relatedLabel from '@salesforce/label/c.Switchboard_ActiveCall_Related';
import inboundLabel from '@salesforce/label/c.Switchboard_Direction_Inbound';
import outboundLabel from '@salesforce/label/c.Switchboard_Direction_Outbound';
import internalLabel from '@salesforce/label/c.Switchboard_Direction_Internal';
import stateDialingLabel from '@salesforce/label/c.Switchboard_State_Dialing';
import stateRingingLabel from '@salesforce/label/c.Switchboard_State_Ringing';
import stateConnectedLabel from '@salesforce/label/c.Switchboard_State_Connected';
import stateHeldLabel from '@salesforce/label/c.Switchboard_State_Held';
import stateTransferringLabel from '@salesforce/label/c.Switchboard_State_Transferring';
import stateWrapUpLabel from '@salesforce/label/c.Switchboard_State_WrapUp';
import stateEndedLabel from '@salesforce/label/c.Switchboard_State_Ended';

const NOTES_DELAY_MS = 600;

const DIRECTIONS = {
    inbound: { label: inboundLabel, icon: 'utility:incoming_call' },
    outbound: { label: outboundLabel, icon: 'utility:outbound_call' },
    internal: { label: internalLabel, icon: 'utility:call' }
};

// State → [label, badge theme]. Idle never reaches the page (the softphone sends call: null).
const STATES = {
    idle: [stateRingingLabel, ''],
    dialing: [stateDialingLabel, 'slds-theme_info'],
    ringing: [stateRingingLabel, 'slds-theme_warning'],
    early_media: [stateRingingLabel, 'slds-theme_warning'],
    connected: [stateConnectedLabel, 'slds-theme_success'],
    held: [stateHeldLabel, 'slds-theme_warning'],
    transferring: [stateTransferringLabel, 'slds-theme_info'],
    wrap_up: [stateWrapUpLabel, 'slds-theme_alt-inverse'],
    ended: [stateEndedLabel, '']
};

/**
 * The call the agent is on, in step with the softphone: details, a ticking timer, notes and
 * disposition. Edits are published on Switchboard_Call__c as {kind: 'edit'}; the softphone owns the
 * call and echoes the accepted values back in its next {kind: 'call'} message.
 */
export default class ActiveCall extends NavigationMixin(LightningElement) {
    @api recordId;

    @wire(MessageContext)
    messageContext;

    labels = {
        title: titleLabel,
        noCall: noCallLabel,
        noCallHint: noCallHintLabel,
        notes: notesLabel,
        notesPlaceholder: notesPlaceholderLabel,
        disposition: dispositionLabel,
        dispositionPlaceholder: dispositionPlaceholderLabel,
        saved: savedLabel,
        logged: loggedLabel,
        viewTask: viewTaskLabel,
        related: relatedLabel
    };

    call = null;
    dispositions = [];
    notes = '';
    disposition = '';
    now = Date.now();
    logged = null;
    saved = false;

    subscription = null;
    notesFocused = false;
    sentNotes = null;
    notesTimer = null;
    clock = null;

    connectedCallback() {
        this.subscription = subscribe(this.messageContext, CALL_CHANNEL, (message) => this.handleMessage(message), {
            scope: APPLICATION_SCOPE
        });
    }

    disconnectedCallback() {
        this.flushNotes();
        unsubscribe(this.subscription);
        this.subscription = null;
        this.stopClock();
    }

    handleMessage(raw) {
        const message = parseCallMessage(raw);
        if (!message) {
            return;
        }
        if (message.kind === 'call') {
            this.applyCall(message.call, message.dispositions);
        } else if (message.kind === 'logged') {
            this.logged = message;
        } else if (message.kind === 'edit' && this.call && message.callId === this.call.id) {
            // Another Switchboard component edited this call: show its values too.
            if (message.notes !== undefined && !this.notesFocused) {
                this.notes = message.notes;
            }
            if (message.disposition !== undefined) {
                this.disposition = message.disposition;
            }
        }
    }

    applyCall(call, dispositions) {
        const sameCall = call && this.call && call.id === this.call.id;
        if (!sameCall) {
            this.flushNotes();
            this.sentNotes = null;
            this.saved = false;
            if (call) {
                this.logged = null;
            }
        }
        this.call = call;
        this.dispositions = dispositions;
        if (!call) {
            this.notes = '';
            this.disposition = '';
            this.stopClock();
            return;
        }
        // Keep what the agent is typing; take the softphone's value otherwise.
        const typing = this.notesFocused || (this.notesTimer !== null && sameCall);
        if (!typing) {
            this.notes = call.notes;
        }
        if (this.sentNotes !== null && call.notes === this.sentNotes) {
            this.saved = true;
        }
        this.disposition = call.disposition;
        this.now = Date.now();
        this.startClock();
    }

    startClock() {
        if (this.clock) {
            return;
        }
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.clock = setInterval(() => {
            this.now = Date.now();
        }, 1000);
    }

    stopClock() {
        if (this.clock) {
            clearInterval(this.clock);
            this.clock = null;
        }
    }

    get hasCall() {
        return !!this.call;
    }

    get direction() {
        return DIRECTIONS[this.call.direction] || DIRECTIONS.inbound;
    }

    get directionIcon() {
        return this.direction.icon;
    }

    get directionLabel() {
        return this.direction.label;
    }

    get callTitle() {
        return this.call.label || this.call.numberDisplay;
    }

    get showNumber() {
        return !!this.call.numberDisplay && this.call.numberDisplay !== this.callTitle;
    }

    get stateLabel() {
        return (STATES[this.call.state] || STATES.connected)[0];
    }

    get stateBadgeClass() {
        return `slds-badge ${(STATES[this.call.state] || STATES.connected)[1]}`;
    }

    get elapsed() {
        const { state, answeredAt, startedAt, endedAt } = this.call;
        const from = answeredAt || startedAt;
        if (!from) {
            return '';
        }
        const to = ['wrap_up', 'ended'].includes(state) && endedAt ? endedAt : this.now;
        return formatDuration(Math.max(0, (to - from) / 1000));
    }

    get inWrapUp() {
        return this.call.state === 'wrap_up' && this.call.wrapUpUntil > 0;
    }

    get wrapUpText() {
        const left = Math.max(0, Math.ceil((this.call.wrapUpUntil - this.now) / 1000));
        return formatLabel(wrapUpLabel, formatDuration(left));
    }

    get relatedRecords() {
        return [this.call.who, this.call.what].filter((r) => !!r).map((r) => ({ ...r, key: r.id, label: r.name || r.id }));
    }

    get hasRelatedRecords() {
        return this.relatedRecords.length > 0;
    }

    get hasDispositions() {
        return this.dispositions.length > 0;
    }

    get dispositionOptions() {
        const values = this.dispositions.includes(this.disposition) || !this.disposition ? this.dispositions : [this.disposition, ...this.dispositions];
        return values.map((value) => ({ label: value, value }));
    }

    get loggedHere() {
        return !!this.logged && !!this.logged.taskId && (!this.call || this.logged.callId === this.call.id);
    }

    handleNotesFocus() {
        this.notesFocused = true;
    }

    handleNotesBlur() {
        this.notesFocused = false;
        this.flushNotes();
    }

    handleNotesChange(event) {
        this.notes = event.detail.value;
        this.saved = false;
        clearTimeout(this.notesTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.notesTimer = setTimeout(() => this.flushNotes(), NOTES_DELAY_MS);
    }

    flushNotes() {
        if (this.notesTimer === null) {
            return;
        }
        clearTimeout(this.notesTimer);
        this.notesTimer = null;
        if (this.call && this.notes !== this.sentNotes) {
            this.sentNotes = this.notes;
            this.publishEdit({ notes: this.notes });
        }
    }

    handleDispositionChange(event) {
        this.disposition = event.detail.value;
        this.publishEdit({ disposition: this.disposition });
    }

    publishEdit(change) {
        publish(this.messageContext, CALL_CHANNEL, { kind: 'edit', callId: this.call.id, ...change });
    }

    handleOpenRecord(event) {
        this.navigateToRecord(event.currentTarget.dataset.id);
    }

    handleOpenTask() {
        this.navigateToRecord(this.logged.taskId);
    }

    navigateToRecord(recordId) {
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId, actionName: 'view' }
        });
    }
}
