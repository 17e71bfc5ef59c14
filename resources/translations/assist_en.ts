<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name />
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>In a call</source>
        <translation>In a call</translation>
    </message>
    <message>
        <source>Also asked as</source>
        <translation>Also asked as</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Verify by</source>
        <translation>Verify by</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing to show</source>
        <translation>Nothing to show</translation>
    </message>
</context>
<context>
    <name>CallerArea</name>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>Called in the last 7 days</source>
        <translation>Called in the last 7 days</translation>
    </message>
    <message>
        <source>Complained before about this</source>
        <translation>Complained before about this</translation>
    </message>
    <message>
        <source>Complaint due soon or overdue</source>
        <translation>Complaint due soon or overdue</translation>
    </message>
    <message>
        <source>Promise due</source>
        <translation>Promise due</translation>
    </message>
    <message>
        <source>Abusive before</source>
        <translation>Abusive before</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Basic member</source>
        <translation>Basic member</translation>
    </message>
    <message>
        <source>Gold member</source>
        <translation>Gold member</translation>
    </message>
    <message>
        <source>VIP customer</source>
        <translation>VIP customer</translation>
    </message>
    <message>
        <source>awaiting payment</source>
        <translation>awaiting payment</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>paid</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>shipped</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>delivered</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completed</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>being returned</source>
        <translation>being returned</translation>
    </message>
    <message>
        <source>refund in progress</source>
        <translation>refund in progress</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>refunded</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>overdue %1</translation>
    </message>
    <message>
        <source>Hide the number</source>
        <translation>Hide the number</translation>
    </message>
    <message>
        <source>Show the whole number</source>
        <translation>Show the whole number</translation>
    </message>
    <message>
        <source>No call in progress</source>
        <translation>No call in progress</translation>
    </message>
    <message>
        <source>When the phone rings, the caller's card and the scripts that fit appear here.</source>
        <translation>When the phone rings, the caller's card and the scripts that fit appear here.</translation>
    </message>
    <message>
        <source>Number withheld</source>
        <translation>Number withheld</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>Unknown caller</translation>
    </message>
    <message>
        <source>No customer record has this number. Ask for the order number or the phone number the account uses.</source>
        <translation>No customer record has this number. Ask for the order number or the phone number the account uses.</translation>
    </message>
    <message>
        <source>%1 years old</source>
        <translation>%1 years old</translation>
    </message>
    <message>
        <source>demo customer</source>
        <translation>demo customer</translation>
    </message>
    <message>
        <source>Promised: %1</source>
        <translation>Promised: %1</translation>
    </message>
    <message>
        <source>Call %1 (%2): %3</source>
        <translation>Call %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>CallsController</name>
    <message>
        <source>Caller cards are unavailable: %1</source>
        <translation>Caller cards are unavailable: %1</translation>
    </message>
    <message>
        <source>The phone region %1 is not a region code such as CN, HK or TW; numbers are read as %2 ones.</source>
        <translation>The phone region %1 is not a region code such as CN, HK or TW; numbers are read as %2 ones.</translation>
    </message>
    <message>
        <source>Call events over HTTP are off: port %1 is not free (%2).</source>
        <translation>Call events over HTTP are off: port %1 is not free (%2).</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>Unknown caller</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>The wrap-up was not saved: %1</source>
        <translation>The wrap-up was not saved: %1</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Published meanwhile: choose per field</source>
        <translation>Published meanwhile: choose per field</translation>
    </message>
    <message>
        <source>%1 published version %2 after this draft started from version %3. Fields only one side changed are merged already; for each field below, keep your text or take theirs.</source>
        <translation>%1 published version %2 after this draft started from version %3. Fields only one side changed are merged already; for each field below, keep your text or take theirs.</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Someone</translation>
    </message>
    <message>
        <source>&lt;b&gt;Theirs (published)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Theirs (published)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Yours (this draft)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Yours (this draft)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Take theirs</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <source>Use these and continue editing</source>
        <translation>Use these and continue editing</translation>
    </message>
</context>
<context>
    <name>EditorWindow</name>
    <message>
        <source>New question</source>
        <translation>New question</translation>
    </message>
    <message>
        <source>Could not load the entries: %1</source>
        <translation>Could not load the entries: %1</translation>
    </message>
    <message>
        <source>Could not open the entry: %1</source>
        <translation>Could not open the entry: %1</translation>
    </message>
    <message>
        <source>%1 is no longer in the knowledge base.</source>
        <translation>%1 is no longer in the knowledge base.</translation>
    </message>
    <message>
        <source>Your changes to %1 are not saved yet; fix what is marked, or discard the draft, before opening another entry.</source>
        <translation>Your changes to %1 are not saved yet; fix what is marked, or discard the draft, before opening another entry.</translation>
    </message>
    <message>
        <source>%1 · published version %2 · typing starts your draft</source>
        <translation>%1 · published version %2 · typing starts your draft</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>waiting for review</source>
        <translation>waiting for review</translation>
    </message>
    <message>
        <source>sent back</source>
        <translation>sent back</translation>
    </message>
    <message>
        <source>%1 · %2's %3 from version %4</source>
        <translation>%1 · %2's %3 from version %4</translation>
    </message>
    <message>
        <source>%1 says: %2</source>
        <translation>%1 says: %2</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Editing…</translation>
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation>Draft saved %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Could not check the entry: %1</source>
        <translation>Could not check the entry: %1</translation>
    </message>
    <message>
        <source>The text changed meanwhile; checking it again.</source>
        <translation>The text changed meanwhile; checking it again.</translation>
    </message>
    <message>
        <source>Replaced “%1” with “%2”.</source>
        <translation>Replaced “%1” with “%2”.</translation>
    </message>
    <message>
        <source>Nothing to submit: change the entry first.</source>
        <translation>Nothing to submit: change the entry first.</translation>
    </message>
    <message numerus="yes">
        <source>Not submitted: %n phrases must change first (marked in red).</source>
        <translation>
            <numerusform>Not submitted: %n phrases must change first (marked in red).</numerusform>
            <numerusform>Not submitted: %n phrases must change first (marked in red).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not submitted: %1</source>
        <translation>Not submitted: %1</translation>
    </message>
    <message>
        <source>Submitted for review.</source>
        <translation>Submitted for review.</translation>
    </message>
    <message>
        <source>Checking the answer first; approve again in a moment.</source>
        <translation>Checking the answer first; approve again in a moment.</translation>
    </message>
    <message>
        <source>The answer still has %1 phrase(s) the lint warns about. Publish it anyway?</source>
        <translation>The answer still has %1 phrase(s) the lint warns about. Publish it anyway?</translation>
    </message>
    <message>
        <source>Published version %1; agents find it now.</source>
        <translation>Published version %1; agents find it now.</translation>
    </message>
    <message>
        <source>Published version %1, but search was not refreshed: %2</source>
        <translation>Published version %1, but search was not refreshed: %2</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>Not published: %1</translation>
    </message>
    <message>
        <source>Say what to change: a rejection needs a comment.</source>
        <translation>Say what to change: a rejection needs a comment.</translation>
    </message>
    <message>
        <source>Sent back to %1.</source>
        <translation>Sent back to %1.</translation>
    </message>
    <message>
        <source>Not sent back: %1</source>
        <translation>Not sent back: %1</translation>
    </message>
    <message>
        <source>Throw away your draft of “%1”? The published entry stays as it is.</source>
        <translation>Throw away your draft of “%1”? The published entry stays as it is.</translation>
    </message>
    <message>
        <source>Draft discarded.</source>
        <translation>Draft discarded.</translation>
    </message>
    <message>
        <source>Not discarded: %1</source>
        <translation>Not discarded: %1</translation>
    </message>
    <message>
        <source>Not published: the draft is kept as it was until the conflict is resolved.</source>
        <translation>Not published: the draft is kept as it was until the conflict is resolved.</translation>
    </message>
    <message>
        <source>Not published: %1 changed meanwhile.</source>
        <translation>Not published: %1 changed meanwhile.</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>someone</translation>
    </message>
    <message>
        <source>Merged with version %1: check it and submit it again.</source>
        <translation>Merged with version %1: check it and submit it again.</translation>
    </message>
    <message>
        <source>Not merged: %1</source>
        <translation>Not merged: %1</translation>
    </message>
    <message>
        <source>Publish version %1 again, as a new version?</source>
        <translation>Publish version %1 again, as a new version?</translation>
    </message>
    <message>
        <source>Version %1 is published again as version %2.</source>
        <translation>Version %1 is published again as version %2.</translation>
    </message>
    <message>
        <source>Not rolled back: %1</source>
        <translation>Not rolled back: %1</translation>
    </message>
    <message>
        <source>Could not read the usage log: %1</source>
        <translation>Could not read the usage log: %1</translation>
    </message>
    <message>
        <source>New draft “%1”: write the answer and submit it.</source>
        <translation>New draft “%1”: write the answer and submit it.</translation>
    </message>
    <message>
        <source>Could not start an entry: %1</source>
        <translation>Could not start an entry: %1</translation>
    </message>
    <message>
        <source>Knowledge editor — %1</source>
        <translation>Knowledge editor — %1</translation>
    </message>
    <message>
        <source>Filter by words</source>
        <translation>Filter by words</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>New entry</translation>
    </message>
    <message>
        <source>Needs verification</source>
        <translation>Needs verification</translation>
    </message>
    <message>
        <source>Published entries past their verify-by date</source>
        <translation>Published entries past their verify-by date</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Any language</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>Any category</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Any tag</translation>
    </message>
    <message>
        <source>As the agent sees it</source>
        <translation>As the agent sees it</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>Review comment (needed to reject)</source>
        <translation>Review comment (needed to reject)</translation>
    </message>
    <message>
        <source>Approve and publish</source>
        <translation>Approve and publish</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>What agents could not find</source>
        <translation>What agents could not find</translation>
    </message>
    <message>
        <source>Phrases to avoid</source>
        <translation>Phrases to avoid</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Published: agents find it</source>
        <translation>Published: agents find it</translation>
    </message>
    <message>
        <source>Archived: out of agents' search</source>
        <translation>Archived: out of agents' search</translation>
    </message>
    <message>
        <source>One per line</source>
        <translation>One per line</translation>
    </message>
    <message>
        <source>What to say on a call, step by step</source>
        <translation>What to say on a call, step by step</translation>
    </message>
    <message>
        <source>Check again by</source>
        <translation>Check again by</translation>
    </message>
    <message>
        <source>Unticked: no date, the entry never asks to be checked</source>
        <translation>Unticked: no date, the entry never asks to be checked</translation>
    </message>
</context>
<context>
    <name>EntryListModel</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (verify)</source>
        <translation>%1 (verify)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
</context>
<context>
    <name>FaqView</name>
    <message>
        <source>Standard answer</source>
        <translation>Standard answer</translation>
    </message>
    <message>
        <source>Scenario answer</source>
        <translation>Scenario answer</translation>
    </message>
    <message>
        <source>Possibly outdated: due for checking since %1</source>
        <translation>Possibly outdated: due for checking since %1</translation>
    </message>
    <message>
        <source>Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · Tab fills a gap · Esc back to search</source>
        <translation>Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · Tab fills a gap · Esc back to search</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>%1 “%2”: %3 Instead: %4</source>
        <translation>%1 “%2”: %3 Instead: %4</translation>
    </message>
    <message>
        <source>Replace with “%1”</source>
        <translation>Replace with “%1”</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>No phrases to avoid</source>
        <translation>No phrases to avoid</translation>
    </message>
    <message numerus="yes">
        <source>Phrases to avoid: %n</source>
        <translation>
            <numerusform>Phrases to avoid: %n</numerusform>
            <numerusform>Phrases to avoid: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>published</source>
        <translation>published</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>rolled back</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>imported</translation>
    </message>
    <message>
        <source>imported again</source>
        <translation>imported again</translation>
    </message>
    <message>
        <source>from a pack</source>
        <translation>from a pack</translation>
    </message>
    <message>
        <source>No field differs.</source>
        <translation>No field differs.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Now, in the editor</source>
        <translation>Now, in the editor</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Choose one version to compare with the editor, or two to compare them (Ctrl+click).</source>
        <translation>Choose one version to compare with the editor, or two to compare them (Ctrl+click).</translation>
    </message>
    <message>
        <source>Roll back to this version</source>
        <translation>Roll back to this version</translation>
    </message>
</context>
<context>
    <name>LintTextEdit</name>
    <message>
        <source>Replace with “%1”</source>
        <translation>Replace with “%1”</translation>
    </message>
</context>
<context>
    <name>MissChart</name>
    <message>
        <source>No missed searches</source>
        <translation>No missed searches</translation>
    </message>
</context>
<context>
    <name>MissesPanel</name>
    <message>
        <source>%1 — opened %2 times</source>
        <translation>%1 — opened %2 times</translation>
    </message>
    <message>
        <source>Searched for, found nothing opened</source>
        <translation>Searched for, found nothing opened</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Times</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>Create an entry from this</source>
        <translation>Create an entry from this</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Most opened entries</source>
        <translation>Most opened entries</translation>
    </message>
    <message>
        <source>Loading the last 30 days…</source>
        <translation>Loading the last 30 days…</translation>
    </message>
    <message>
        <source>Last %1 days: %2 searches found nothing the agent opened.</source>
        <translation>Last %1 days: %2 searches found nothing the agent opened.</translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Script</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>FAQ</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>the bundled rules</source>
        <translation>the bundled rules</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>Phrases to avoid, and what to say instead: the rule set in force is %1. Saving checks every rule first and keeps the earlier versions.</source>
        <translation>Phrases to avoid, and what to say instead: the rule set in force is %1. Saving checks every rule first and keeps the earlier versions.</translation>
    </message>
    <message>
        <source>Save as a new version</source>
        <translation>Save as a new version</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
</context>
<context>
    <name>ScriptView</name>
    <message>
        <source>Step %1 of %2</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>End of the script. Ctrl+R starts it again.</source>
        <translation>End of the script. Ctrl+R starts it again.</translation>
    </message>
    <message>
        <source>1-9 choose · Backspace back · Enter or Ctrl+C copies the line · Space ticks · Tab fills a gap · Ctrl+R restart · Esc back to search</source>
        <translation>1-9 choose · Backspace back · Enter or Ctrl+C copies the line · Space ticks · Tab fills a gap · Ctrl+R restart · Esc back to search</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Hotkey to show the sidebar</source>
        <translation>Hotkey to show the sidebar</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Font size</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Your work name or number</source>
        <translation>Your work name or number</translation>
    </message>
    <message>
        <source>Softphone event socket</source>
        <translation>Softphone event socket</translation>
    </message>
    <message>
        <source>Call events over HTTP, port</source>
        <translation>Call events over HTTP, port</translation>
    </message>
    <message>
        <source>Phone region</source>
        <translation>Phone region</translation>
    </message>
    <message>
        <source>Knowledge base role</source>
        <translation>Knowledge base role</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>Team server</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Docked at the right edge</source>
        <translation>Docked at the right edge</translation>
    </message>
    <message>
        <source>Docked at the left edge</source>
        <translation>Docked at the left edge</translation>
    </message>
    <message>
        <source>Floating window</source>
        <translation>Floating window</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>The usual place on this computer</source>
        <translation>The usual place on this computer</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>A new data folder is used from the next start.</source>
        <translation>A new data folder is used from the next start.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Settings: %1</source>
        <translation>Settings: %1</translation>
    </message>
    <message>
        <source>No Chinese font was found, so Chinese text may show as boxes. Install one (on Debian: fonts-noto-cjk) and start the sidebar again.</source>
        <translation>No Chinese font was found, so Chinese text may show as boxes. Install one (on Debian: fonts-noto-cjk) and start the sidebar again.</translation>
    </message>
    <message>
        <source>The knowledge base at %1 could not be opened (%2). Nothing in it was changed.</source>
        <translation>The knowledge base at %1 could not be opened (%2). Nothing in it was changed.</translation>
    </message>
    <message>
        <source>Showing a copy of it: search works, but changes made now are not kept.</source>
        <translation>Showing a copy of it: search works, but changes made now are not kept.</translation>
    </message>
    <message>
        <source>Showing the built-in answers and scripts only; changes made now are not kept.</source>
        <translation>Showing the built-in answers and scripts only; changes made now are not kept.</translation>
    </message>
    <message>
        <source>The built-in content could not be opened either (%1). Search is unavailable.</source>
        <translation>The built-in content could not be opened either (%1). Search is unavailable.</translation>
    </message>
    <message>
        <source>Search is unavailable.</source>
        <translation>Search is unavailable.</translation>
    </message>
    <message>
        <source>The knowledge base could not be opened: %1</source>
        <translation>The knowledge base could not be opened: %1</translation>
    </message>
    <message>
        <source>The hotkey is not available: %1</source>
        <translation>The hotkey is not available: %1</translation>
    </message>
    <message>
        <source>Agent Assist</source>
        <translation>Agent Assist</translation>
    </message>
    <message>
        <source>Show the sidebar</source>
        <translation>Show the sidebar</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Knowledge editor…</source>
        <translation>Knowledge editor…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Settings were not saved: %1</source>
        <translation>Settings were not saved: %1</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>The synonym table was not used: %1</source>
        <translation>The synonym table was not used: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found. Try fewer characters or other words.</source>
        <translation>Nothing found. Try fewer characters or other words.</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <source>Opening the knowledge base…</source>
        <translation>Opening the knowledge base…</translation>
    </message>
    <message numerus="yes">
        <source>%n entries and scripts ready</source>
        <translation>
            <numerusform>%n entry or script ready</numerusform>
            <numerusform>%n entries and scripts ready</numerusform>
        </translation>
    </message>
    <message>
        <source>That entry is no longer in the knowledge base.</source>
        <translation>That entry is no longer in the knowledge base.</translation>
    </message>
    <message>
        <source>That script is no longer in the library.</source>
        <translation>That script is no longer in the library.</translation>
    </message>
    <message>
        <source>Could not open it: %1</source>
        <translation>Could not open it: %1</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Copied: %1</translation>
    </message>
    <message>
        <source>Usage is not being recorded: %1</source>
        <translation>Usage is not being recorded: %1</translation>
    </message>
    <message>
        <source>Agent Assist</source>
        <translation>Agent Assist</translation>
    </message>
    <message>
        <source>Search answers and scripts</source>
        <translation>Search answers and scripts</translation>
    </message>
    <message>
        <source>Search answers and scripts: Chinese, pinyin, initials or English</source>
        <translation>Search answers and scripts: Chinese, pinyin, initials or English</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Settings (Ctrl+,)</translation>
    </message>
    <message>
        <source>Type a few characters: 退款, tuikuan, tk or refund.
Up/Down pick a result, Enter opens it, Ctrl+1..9 open one directly, Esc clears.</source>
        <translation>Type a few characters: 退款, tuikuan, tk or refund.
Up/Down pick a result, Enter opens it, Ctrl+1..9 open one directly, Esc clears.</translation>
    </message>
</context>
<context>
    <name>TeamDashboard</name>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Could not load the team's usage: %1</source>
        <translation>Could not load the team's usage: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · last %2 days · %3 of %Ln agents active</source>
        <translation>
            <numerusform>%1 · last %2 days · %3 of %Ln agent active</numerusform>
            <numerusform>%1 · last %2 days · %3 of %Ln agents active</numerusform>
        </translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Since %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln agents</source>
        <translation>
            <numerusform>%Ln agent</numerusform>
            <numerusform>%Ln agents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln opens</source>
        <translation>
            <numerusform>%Ln open</numerusform>
            <numerusform>%Ln opens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln times</source>
        <translation>
            <numerusform>%Ln time</numerusform>
            <numerusform>%Ln times</numerusform>
        </translation>
    </message>
    <message>
        <source>Team dashboard</source>
        <translation>Team dashboard</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Last %1 days</source>
        <translation>Last %1 days</translation>
    </message>
    <message>
        <source>Exact numbers</source>
        <translation>Exact numbers</translation>
    </message>
    <message>
        <source>Show tables instead of charts</source>
        <translation>Show tables instead of charts</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Script adoption</source>
        <translation>Script adoption</translation>
    </message>
    <message>
        <source>Share of the team's agents who opened each script</source>
        <translation>Share of the team's agents who opened each script</translation>
    </message>
    <message>
        <source>Searches that found nothing</source>
        <translation>Searches that found nothing</translation>
    </message>
    <message>
        <source>What agents searched for without opening any result</source>
        <translation>What agents searched for without opening any result</translation>
    </message>
    <message>
        <source>No script was opened in this period</source>
        <translation>No script was opened in this period</translation>
    </message>
    <message>
        <source>Every search found something in this period</source>
        <translation>Every search found something in this period</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>Opens</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Times</translation>
    </message>
</context>
<context>
    <name>TeamStrip</name>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>%1: downloading answers %2 of %3</source>
        <translation>%1: downloading answers %2 of %3</translation>
    </message>
    <message>
        <source>%1: downloading the pack %2 (%3)</source>
        <translation>%1: downloading the pack %2 (%3)</translation>
    </message>
    <message>
        <source>%1: checking for changes…</source>
        <translation>%1: checking for changes…</translation>
    </message>
    <message>
        <source>Offline since %1: %2 cannot be reached. Search uses the copy on this computer; editing needs the server.</source>
        <translation>Offline since %1: %2 cannot be reached. Search uses the copy on this computer; editing needs the server.</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 refused: %2</translation>
    </message>
    <message>
        <source>Following %1 · up to date (%2)</source>
        <translation>Following %1 · up to date (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n pack(s) refused</source>
        <translation>
            <numerusform>%n pack(s) refused</numerusform>
            <numerusform>%n pack(s) refused</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Team dashboard</source>
        <translation>Team dashboard</translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <source>Say what came of the call first.</source>
        <translation>Say what came of the call first.</translation>
    </message>
    <message>
        <source>The promise is due in the past; pick a later time.</source>
        <translation>The promise is due in the past; pick a later time.</translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation>Call ended: %1</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>Call ended</translation>
    </message>
    <message>
        <source>Solved on this call</source>
        <translation>Solved on this call</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Follow-up needed</translation>
    </message>
    <message>
        <source>Escalated to a supervisor</source>
        <translation>Escalated to a supervisor</translation>
    </message>
    <message>
        <source>Transferred to another team</source>
        <translation>Transferred to another team</translation>
    </message>
    <message>
        <source>Customer hung up</source>
        <translation>Customer hung up</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Scripts used</source>
        <translation>Scripts used</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Promise</translation>
    </message>
    <message>
        <source>Promises kept now</source>
        <translation>Promises kept now</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>What you promised, if anything (e.g. call back with the refund state)</source>
        <translation>What you promised, if anything (e.g. call back with the refund state)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>No customer record has this number, so there is nothing to save it to.</source>
        <translation>No customer record has this number, so there is nothing to save it to.</translation>
    </message>
</context>
</TS>