<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
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
        <source>Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · Tab fills a gap · Esc back to search</source>
        <translation>Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · Tab fills a gap · Esc back to search</translation>
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