import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { refreshApex } from '@salesforce/apex';
import { APPLICATION_SCOPE, MessageContext, subscribe, unsubscribe } from 'lightning/messageService';
import CALL_CHANNEL from '@salesforce/messageChannel/Switchboard_Call__c';
import getCallTasks from '@salesforce/apex/SwitchboardCallHistoryController.getCallTasks';
import { formatDuration, formatLabel, parseCallMessage, reduceErrors } from 'c/switchboardUtils';

import titleLabel from '@salesforce/label/c.Switchboard_CallHistory_Title';
import titleCountLabel from '@salesforce/label/c.Switchboard_CallHistory_TitleCount';
import emptyLabel from '@salesforce/label/c.Switchboard_CallHistory_Empty';
import errorLabel from '@salesforce/label/c.Switchboard_CallHistory_Error';
import refreshLabel from '@salesforce/label/c.Switchboard_CallHistory_Refresh';
import noDispositionLabel from '@salesforce/label/c.Switchboard_CallHistory_NoDisposition';
import byLabel from '@salesforce/label/c.Switchboard_CallHistory_By';
import inboundLabel from '@salesforce/label/c.Switchboard_Direction_Inbound';
import outboundLabel from '@salesforce/label/c.Switchboard_Direction_Outbound';
import internalLabel from '@salesforce/label/c.Switchboard_Direction_Internal';

const TYPES = {
    Inbound: { label: inboundLabel, icon: 'utility:incoming_call' },
    Outbound: { label: outboundLabel, icon: 'utility:outbound_call' },
    Internal: { label: internalLabel, icon: 'utility:call' }
};
const REFRESH_DELAY_MS = 1500;

/**
 * The calls logged against this record (Tasks with a call type), newest first. Refreshes itself when
 * the softphone reports a call logged or ended on Switchboard_Call__c.
 */
export default class CallHistory extends NavigationMixin(LightningElement) {
    @api recordId;
    @api maxRows = 10;

    @wire(MessageContext)
    messageContext;

    labels = { empty: emptyLabel, refresh: refreshLabel };

    tasks;
    error;
    loading = true;
    wiredResult;
    subscription = null;
    refreshTimer = null;

    @wire(getCallTasks, { recordId: '$recordId', maxRows: '$maxRows' })
    wiredTasks(result) {
        this.wiredResult = result;
        const { data, error } = result;
        if (data) {
            this.tasks = data;
            this.error = undefined;
            this.loading = false;
        } else if (error) {
            this.tasks = undefined;
            this.error = error;
            this.loading = false;
        }
    }

    connectedCallback() {
        this.subscription = subscribe(this.messageContext, CALL_CHANNEL, (message) => this.handleMessage(message), {
            scope: APPLICATION_SCOPE
        });
    }

    disconnectedCallback() {
        unsubscribe(this.subscription);
        this.subscription = null;
        clearTimeout(this.refreshTimer);
    }

    handleMessage(raw) {
        const message = parseCallMessage(raw);
        if (!message) {
            return;
        }
        if (message.kind === 'logged') {
            this.refresh();
        } else if (message.kind === 'call' && message.call && message.call.state === 'ended') {
            // The Task may be saved a moment after the call ends; the 'logged' message follows.
            this.scheduleRefresh();
        }
    }

    scheduleRefresh() {
        clearTimeout(this.refreshTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.refreshTimer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
    }

    refresh() {
        clearTimeout(this.refreshTimer);
        this.refreshTimer = null;
        if (this.wiredResult) {
            return refreshApex(this.wiredResult);
        }
        return undefined;
    }

    handleRefresh() {
        this.refresh();
    }

    get title() {
        return this.tasks ? formatLabel(titleCountLabel, this.tasks.length) : titleLabel;
    }

    get hasCalls() {
        return !!this.tasks && this.tasks.length > 0;
    }

    get isEmpty() {
        return !!this.tasks && this.tasks.length === 0;
    }

    get errorText() {
        return formatLabel(errorLabel, reduceErrors(this.error).join(' '));
    }

    get calls() {
        return (this.tasks || []).map((task) => {
            const type = TYPES[task.callType] || TYPES.Inbound;
            return {
                id: task.id,
                icon: type.icon,
                typeLabel: type.label,
                subject: task.subject || type.label,
                when: task.loggedAt,
                duration: formatDuration(task.durationSeconds),
                hasDuration: typeof task.durationSeconds === 'number',
                disposition: task.disposition || noDispositionLabel,
                dispositionClass: task.disposition ? 'slds-badge' : 'slds-badge slds-badge_lightest',
                notes: task.notes || '',
                hasNotes: !!task.notes,
                owner: task.ownerName ? formatLabel(byLabel, task.ownerName) : ''
            };
        });
    }

    handleOpen(event) {
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: event.currentTarget.dataset.id, actionName: 'view' }
        });
    }
}
