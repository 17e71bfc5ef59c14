<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW">
<context>
    <name />
    <message>
        <source>Question</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答覆</translation>
    </message>
    <message>
        <source>In a call</source>
        <translation>通話中怎麼說</translation>
    </message>
    <message>
        <source>Also asked as</source>
        <translation>相似問法</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Verify by</source>
        <translation>核實期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing to show</source>
        <translation>暫無資料</translation>
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
        <translation>老年客戶</translation>
    </message>
    <message>
        <source>Called in the last 7 days</source>
        <translation>7 天內來電過</translation>
    </message>
    <message>
        <source>Complained before about this</source>
        <translation>同一問題投訴過</translation>
    </message>
    <message>
        <source>Complaint due soon or overdue</source>
        <translation>投訴臨近或超過承諾時間</translation>
    </message>
    <message>
        <source>Promise due</source>
        <translation>承諾到期</translation>
    </message>
    <message>
        <source>Abusive before</source>
        <translation>曾有辱罵</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投訴</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>維修</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Basic member</source>
        <translation>普通會員</translation>
    </message>
    <message>
        <source>Gold member</source>
        <translation>金卡會員</translation>
    </message>
    <message>
        <source>VIP customer</source>
        <translation>VIP 客戶</translation>
    </message>
    <message>
        <source>awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>已發貨</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>being returned</source>
        <translation>退貨中</translation>
    </message>
    <message>
        <source>refund in progress</source>
        <translation>退款中</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分鐘</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小時</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>還剩 %1</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>已超時 %1</translation>
    </message>
    <message>
        <source>Hide the number</source>
        <translation>隱藏號碼</translation>
    </message>
    <message>
        <source>Show the whole number</source>
        <translation>顯示完整號碼</translation>
    </message>
    <message>
        <source>No call in progress</source>
        <translation>當前沒有通話</translation>
    </message>
    <message>
        <source>When the phone rings, the caller's card and the scripts that fit appear here.</source>
        <translation>來電時，這裡會顯示來電客戶的資料卡和適用的話術。</translation>
    </message>
    <message>
        <source>Number withheld</source>
        <translation>號碼未顯示</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未知來電</translation>
    </message>
    <message>
        <source>No customer record has this number. Ask for the order number or the phone number the account uses.</source>
        <translation>沒有客戶登記過這個號碼。請詢問訂單號，或賬戶繫結的手機號。</translation>
    </message>
    <message>
        <source>%1 years old</source>
        <translation>%1 歲</translation>
    </message>
    <message>
        <source>demo customer</source>
        <translation>演示客戶</translation>
    </message>
    <message>
        <source>Promised: %1</source>
        <translation>已承諾：%1</translation>
    </message>
    <message>
        <source>Call %1 (%2): %3</source>
        <translation>來電 %1（%2）：%3</translation>
    </message>
</context>
<context>
    <name>CallsController</name>
    <message>
        <source>Caller cards are unavailable: %1</source>
        <translation>無法顯示來電資料卡：%1</translation>
    </message>
    <message>
        <source>The phone region %1 is not a region code such as CN, HK or TW; numbers are read as %2 ones.</source>
        <translation>號碼地區 %1 不是 CN、HK、TW 這樣的地區程式碼；號碼暫按 %2 的規則識別。</translation>
    </message>
    <message>
        <source>Call events over HTTP are off: port %1 is not free (%2).</source>
        <translation>HTTP 來電通知未開啟：埠 %1 已被佔用（%2）。</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未知來電</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>The wrap-up was not saved: %1</source>
        <translation>通話小結未儲存：%1</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Published meanwhile: choose per field</source>
        <translation>期間已有新版本發布：請逐個欄位選擇</translation>
    </message>
    <message>
        <source>%1 published version %2 after this draft started from version %3. Fields only one side changed are merged already; for each field below, keep your text or take theirs.</source>
        <translation>本草稿基於版本 %3 建立後，%1 發布了版本 %2。只有一方改動的欄位已自動合併；下面的每個欄位，請選擇保留你的內容或採用對方的內容。</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>有人</translation>
    </message>
    <message>
        <source>&lt;b&gt;Theirs (published)&lt;/b&gt;</source>
        <translation>&lt;b&gt;對方的（已發布）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Yours (this draft)&lt;/b&gt;</source>
        <translation>&lt;b&gt;你的（本草稿）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>採用對方的</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Use these and continue editing</source>
        <translation>按所選合併並繼續編輯</translation>
    </message>
</context>
<context>
    <name>EditorWindow</name>
    <message>
        <source>New question</source>
        <translation>新問題</translation>
    </message>
    <message>
        <source>Could not load the entries: %1</source>
        <translation>無法載入條目：%1</translation>
    </message>
    <message>
        <source>Could not open the entry: %1</source>
        <translation>無法開啟條目：%1</translation>
    </message>
    <message>
        <source>%1 is no longer in the knowledge base.</source>
        <translation>知識庫裡已經沒有 %1 了。</translation>
    </message>
    <message>
        <source>Your changes to %1 are not saved yet; fix what is marked, or discard the draft, before opening another entry.</source>
        <translation>對 %1 的修改還沒有儲存；請先改正標出的問題，或放棄草稿，再開啟其他條目。</translation>
    </message>
    <message>
        <source>%1 · published version %2 · typing starts your draft</source>
        <translation>%1 · 已發布版本 %2 · 開始輸入即建立你的草稿</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>waiting for review</source>
        <translation>待審核</translation>
    </message>
    <message>
        <source>sent back</source>
        <translation>已駁回</translation>
    </message>
    <message>
        <source>%1 · %2's %3 from version %4</source>
        <translation>%1 · %2 基於版本 %4 的%3</translation>
    </message>
    <message>
        <source>%1 says: %2</source>
        <translation>%1 的意見：%2</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>編輯中…</translation>
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation>草稿已儲存 %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未儲存：%1</translation>
    </message>
    <message>
        <source>Could not check the entry: %1</source>
        <translation>無法檢查條目：%1</translation>
    </message>
    <message>
        <source>The text changed meanwhile; checking it again.</source>
        <translation>文本已有改動，正在重新檢查。</translation>
    </message>
    <message>
        <source>Replaced “%1” with “%2”.</source>
        <translation>已將“%1”替換為“%2”。</translation>
    </message>
    <message>
        <source>Nothing to submit: change the entry first.</source>
        <translation>沒有可提交的內容：請先修改條目。</translation>
    </message>
    <message numerus="yes">
        <source>Not submitted: %n phrases must change first (marked in red).</source>
        <translation>
            <numerusform>未提交：有 %n 處用語必須先修改（已標紅）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not submitted: %1</source>
        <translation>未提交：%1</translation>
    </message>
    <message>
        <source>Submitted for review.</source>
        <translation>已提交審核。</translation>
    </message>
    <message>
        <source>Checking the answer first; approve again in a moment.</source>
        <translation>正在先檢查這條答覆，請稍後再點通過。</translation>
    </message>
    <message>
        <source>The answer still has %1 phrase(s) the lint warns about. Publish it anyway?</source>
        <translation>答覆裡還有 %1 處用語被提示需要注意。仍要發布嗎？</translation>
    </message>
    <message>
        <source>Published version %1; agents find it now.</source>
        <translation>已發布版本 %1，坐席現在就能搜到。</translation>
    </message>
    <message>
        <source>Published version %1, but search was not refreshed: %2</source>
        <translation>已發布版本 %1，但搜尋未能重新整理：%2</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>未發布：%1</translation>
    </message>
    <message>
        <source>Say what to change: a rejection needs a comment.</source>
        <translation>請寫明要改什麼：駁回必須填寫審核意見。</translation>
    </message>
    <message>
        <source>Sent back to %1.</source>
        <translation>已駁回給 %1。</translation>
    </message>
    <message>
        <source>Not sent back: %1</source>
        <translation>未駁回：%1</translation>
    </message>
    <message>
        <source>Throw away your draft of “%1”? The published entry stays as it is.</source>
        <translation>要放棄“%1”的草稿嗎？已發布的條目保持不變。</translation>
    </message>
    <message>
        <source>Draft discarded.</source>
        <translation>草稿已放棄。</translation>
    </message>
    <message>
        <source>Not discarded: %1</source>
        <translation>草稿未放棄：%1</translation>
    </message>
    <message>
        <source>Not published: the draft is kept as it was until the conflict is resolved.</source>
        <translation>未發布：衝突解決之前，草稿保持原樣。</translation>
    </message>
    <message>
        <source>Not published: %1 changed meanwhile.</source>
        <translation>未發布：%1 在此期間改動了這條內容。</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>有人</translation>
    </message>
    <message>
        <source>Merged with version %1: check it and submit it again.</source>
        <translation>已與版本 %1 合併：請檢查後重新提交。</translation>
    </message>
    <message>
        <source>Not merged: %1</source>
        <translation>未合併：%1</translation>
    </message>
    <message>
        <source>Publish version %1 again, as a new version?</source>
        <translation>要將版本 %1 作為新版本重新發布嗎？</translation>
    </message>
    <message>
        <source>Version %1 is published again as version %2.</source>
        <translation>版本 %1 已重新發布為版本 %2。</translation>
    </message>
    <message>
        <source>Not rolled back: %1</source>
        <translation>未回滾：%1</translation>
    </message>
    <message>
        <source>Could not read the usage log: %1</source>
        <translation>無法讀取使用記錄：%1</translation>
    </message>
    <message>
        <source>New draft “%1”: write the answer and submit it.</source>
        <translation>已新建草稿“%1”：請填寫答覆後提交。</translation>
    </message>
    <message>
        <source>Could not start an entry: %1</source>
        <translation>無法新建條目：%1</translation>
    </message>
    <message>
        <source>Knowledge editor — %1</source>
        <translation>知識庫編輯器 — %1</translation>
    </message>
    <message>
        <source>Filter by words</source>
        <translation>按關鍵詞篩選</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新建條目</translation>
    </message>
    <message>
        <source>Needs verification</source>
        <translation>待核實</translation>
    </message>
    <message>
        <source>Published entries past their verify-by date</source>
        <translation>已過核實期限的已發布條目</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部狀態</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>審核中</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已發布</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已歸檔</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>全部語言</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部分類</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>全部標籤</translation>
    </message>
    <message>
        <source>As the agent sees it</source>
        <translation>坐席看到的效果</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交審核</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>放棄草稿</translation>
    </message>
    <message>
        <source>Review comment (needed to reject)</source>
        <translation>審核意見（駁回時必填）</translation>
    </message>
    <message>
        <source>Approve and publish</source>
        <translation>審核通過並發布</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>駁回</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編輯</translation>
    </message>
    <message>
        <source>History</source>
        <translation>歷史版本</translation>
    </message>
    <message>
        <source>What agents could not find</source>
        <translation>坐席沒找到的內容</translation>
    </message>
    <message>
        <source>Phrases to avoid</source>
        <translation>停用語規則</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Published: agents find it</source>
        <translation>已發布：坐席可以搜到</translation>
    </message>
    <message>
        <source>Archived: out of agents' search</source>
        <translation>已歸檔：坐席搜不到</translation>
    </message>
    <message>
        <source>One per line</source>
        <translation>每行一個</translation>
    </message>
    <message>
        <source>What to say on a call, step by step</source>
        <translation>通話中怎麼說，按步驟逐條寫</translation>
    </message>
    <message>
        <source>Check again by</source>
        <translation>到期重新核實</translation>
    </message>
    <message>
        <source>Unticked: no date, the entry never asks to be checked</source>
        <translation>不勾選：不設日期，這個條目不會提醒核實</translation>
    </message>
</context>
<context>
    <name>EntryListModel</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>審核中</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已駁回</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已發布</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已歸檔</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (verify)</source>
        <translation>%1（待核實）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
</context>
<context>
    <name>FaqView</name>
    <message>
        <source>Standard answer</source>
        <translation>標準回覆</translation>
    </message>
    <message>
        <source>Scenario answer</source>
        <translation>情境回覆</translation>
    </message>
    <message>
        <source>Possibly outdated: due for checking since %1</source>
        <translation>可能已過時：自 %1 起待核實</translation>
    </message>
    <message>
        <source>Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · Tab fills a gap · Esc back to search</source>
        <translation>Enter 或 Ctrl+C 複製這一行 · Ctrl+Shift+C 複製整則回覆 · Tab 填寫待填欄位 · Esc 回到搜尋</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>%1 “%2”: %3 Instead: %4</source>
        <translation>%1“%2”：%3 建議：%4</translation>
    </message>
    <message>
        <source>Replace with “%1”</source>
        <translation>替換為“%1”</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替換</translation>
    </message>
    <message>
        <source>No phrases to avoid</source>
        <translation>沒有需要避免的用語</translation>
    </message>
    <message numerus="yes">
        <source>Phrases to avoid: %n</source>
        <translation>
            <numerusform>需要避免的用語：%n 處</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>published</source>
        <translation>發布</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>回滾</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>imported again</source>
        <translation>重新匯入</translation>
    </message>
    <message>
        <source>from a pack</source>
        <translation>來自話術包</translation>
    </message>
    <message>
        <source>No field differs.</source>
        <translation>各欄位沒有差異。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Now, in the editor</source>
        <translation>編輯器中的當前內容</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>編輯人</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>審核人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>審核意見</translation>
    </message>
    <message>
        <source>Choose one version to compare with the editor, or two to compare them (Ctrl+click).</source>
        <translation>選擇一個版本與編輯器中的內容對比，或選擇兩個版本互相對比（Ctrl+單擊）。</translation>
    </message>
    <message>
        <source>Roll back to this version</source>
        <translation>回滾到此版本</translation>
    </message>
</context>
<context>
    <name>LintTextEdit</name>
    <message>
        <source>Replace with “%1”</source>
        <translation>替換為“%1”</translation>
    </message>
</context>
<context>
    <name>MissChart</name>
    <message>
        <source>No missed searches</source>
        <translation>沒有未命中的搜尋</translation>
    </message>
</context>
<context>
    <name>MissesPanel</name>
    <message>
        <source>%1 — opened %2 times</source>
        <translation>%1 — 開啟 %2 次</translation>
    </message>
    <message>
        <source>Searched for, found nothing opened</source>
        <translation>搜尋後未開啟任何結果的詞</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次數</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最近一次</translation>
    </message>
    <message>
        <source>Create an entry from this</source>
        <translation>據此新建條目</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Most opened entries</source>
        <translation>開啟最多的條目</translation>
    </message>
    <message>
        <source>Loading the last 30 days…</source>
        <translation>正在載入最近 30 天的資料…</translation>
    </message>
    <message>
        <source>Last %1 days: %2 searches found nothing the agent opened.</source>
        <translation>最近 %1 天：有 %2 次搜尋後坐席沒有開啟任何結果。</translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Script</source>
        <translation>話術</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>問答</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>Not saved: %1</source>
        <translation>未儲存：%1</translation>
    </message>
    <message>
        <source>the bundled rules</source>
        <translation>內建規則</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>Phrases to avoid, and what to say instead: the rule set in force is %1. Saving checks every rule first and keeps the earlier versions.</source>
        <translation>停用語及推薦說法：當前生效的規則是%1。儲存前會逐條檢查，之前的版本都會保留。</translation>
    </message>
    <message>
        <source>Save as a new version</source>
        <translation>另存為新版本</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新載入</translation>
    </message>
</context>
<context>
    <name>ScriptView</name>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>需轉主管</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>End of the script. Ctrl+R starts it again.</source>
        <translation>話術已結束。按 Ctrl+R 可重新開始。</translation>
    </message>
    <message>
        <source>1-9 choose · Backspace back · Enter or Ctrl+C copies the line · Space ticks · Tab fills a gap · Ctrl+R restart · Esc back to search</source>
        <translation>1-9 選擇 · Backspace 上一步 · Enter 或 Ctrl+C 複製這一行 · 空白鍵 勾選 · Tab 填寫待填欄位 · Ctrl+R 重新開始 · Esc 回到搜尋</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Hotkey to show the sidebar</source>
        <translation>顯示側邊欄的快速鍵</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>資料儲存位置</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字型大小</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Your work name or number</source>
        <translation>你的工號或工作名</translation>
    </message>
    <message>
        <source>Softphone event socket</source>
        <translation>軟電話事件介面</translation>
    </message>
    <message>
        <source>Call events over HTTP, port</source>
        <translation>HTTP 來電通知埠</translation>
    </message>
    <message>
        <source>Phone region</source>
        <translation>號碼所屬地區</translation>
    </message>
    <message>
        <source>Knowledge base role</source>
        <translation>知識庫角色</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>團隊伺服器</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>依系統設定</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Docked at the right edge</source>
        <translation>固定在螢幕右側</translation>
    </message>
    <message>
        <source>Docked at the left edge</source>
        <translation>固定在螢幕左側</translation>
    </message>
    <message>
        <source>Floating window</source>
        <translation>浮動視窗</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>編輯</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>審核員</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source>The usual place on this computer</source>
        <translation>本機預設位置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <source>A new data folder is used from the next start.</source>
        <translation>變更資料儲存位置後，下次啟動時生效。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Settings: %1</source>
        <translation>設定：%1</translation>
    </message>
    <message>
        <source>No Chinese font was found, so Chinese text may show as boxes. Install one (on Debian: fonts-noto-cjk) and start the sidebar again.</source>
        <translation>找不到中文字型，中文可能會顯示成方框。請安裝中文字型（Debian 可安裝 fonts-noto-cjk），再重新啟動側邊欄。</translation>
    </message>
    <message>
        <source>The knowledge base at %1 could not be opened (%2). Nothing in it was changed.</source>
        <translation>無法開啟位於 %1 的知識庫（%2）。知識庫內容沒有任何變更。</translation>
    </message>
    <message>
        <source>Showing a copy of it: search works, but changes made now are not kept.</source>
        <translation>目前顯示的是知識庫副本：可以正常搜尋，但現在做的變更不會儲存。</translation>
    </message>
    <message>
        <source>Showing the built-in answers and scripts only; changes made now are not kept.</source>
        <translation>目前只顯示內建的回覆和話術；現在做的變更不會儲存。</translation>
    </message>
    <message>
        <source>The built-in content could not be opened either (%1). Search is unavailable.</source>
        <translation>內建內容也無法開啟（%1）。無法使用搜尋功能。</translation>
    </message>
    <message>
        <source>Search is unavailable.</source>
        <translation>無法使用搜尋功能。</translation>
    </message>
    <message>
        <source>The knowledge base could not be opened: %1</source>
        <translation>無法開啟知識庫：%1</translation>
    </message>
    <message>
        <source>The hotkey is not available: %1</source>
        <translation>無法使用快速鍵：%1</translation>
    </message>
    <message>
        <source>Agent Assist</source>
        <translation>客服助手</translation>
    </message>
    <message>
        <source>Show the sidebar</source>
        <translation>顯示側邊欄</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <source>Knowledge editor…</source>
        <translation>知識庫編輯器…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>Settings were not saved: %1</source>
        <translation>設定未儲存：%1</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>The synonym table was not used: %1</source>
        <translation>未套用同義詞表：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n 筆結果</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found. Try fewer characters or other words.</source>
        <translation>找不到結果。試試少打幾個字，或換個說法。</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜尋失敗：%1</translation>
    </message>
    <message>
        <source>Opening the knowledge base…</source>
        <translation>正在開啟知識庫…</translation>
    </message>
    <message numerus="yes">
        <source>%n entries and scripts ready</source>
        <translation>
            <numerusform>已載入 %n 筆問答和話術</numerusform>
        </translation>
    </message>
    <message>
        <source>That entry is no longer in the knowledge base.</source>
        <translation>知識庫中已經沒有這則問答了。</translation>
    </message>
    <message>
        <source>That script is no longer in the library.</source>
        <translation>話術庫中已經沒有這套話術了。</translation>
    </message>
    <message>
        <source>Could not open it: %1</source>
        <translation>無法開啟：%1</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>已複製：%1</translation>
    </message>
    <message>
        <source>Usage is not being recorded: %1</source>
        <translation>目前無法記錄使用狀況：%1</translation>
    </message>
    <message>
        <source>Agent Assist</source>
        <translation>客服助手</translation>
    </message>
    <message>
        <source>Search answers and scripts</source>
        <translation>搜尋問答和話術</translation>
    </message>
    <message>
        <source>Search answers and scripts: Chinese, pinyin, initials or English</source>
        <translation>搜尋問答和話術：中文、拼音、首字母或英文</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>設定（Ctrl+,）</translation>
    </message>
    <message>
        <source>Type a few characters: 退款, tuikuan, tk or refund.
Up/Down pick a result, Enter opens it, Ctrl+1..9 open one directly, Esc clears.</source>
        <translation>輸入幾個字：退款、tuikuan、tk 或 refund。
↑/↓ 選擇結果，Enter 開啟，Ctrl+1..9 直接開啟對應項目，Esc 清除。</translation>
    </message>
</context>
<context>
    <name>TeamDashboard</name>
    <message>
        <source>Loading…</source>
        <translation>正在載入…</translation>
    </message>
    <message>
        <source>Could not load the team's usage: %1</source>
        <translation>無法載入團隊使用情況：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · last %2 days · %3 of %Ln agents active</source>
        <translation>
            <numerusform>%1 · 最近 %2 天 · %Ln 名坐席中 %3 名活躍</numerusform>
        </translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message numerus="yes">
        <source>%Ln agents</source>
        <translation>
            <numerusform>%Ln 名坐席</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln opens</source>
        <translation>
            <numerusform>開啟 %Ln 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln times</source>
        <translation>
            <numerusform>%Ln 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Team dashboard</source>
        <translation>團隊看板</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>時間範圍：</translation>
    </message>
    <message>
        <source>Last %1 days</source>
        <translation>最近 %1 天</translation>
    </message>
    <message>
        <source>Exact numbers</source>
        <translation>精確數字</translation>
    </message>
    <message>
        <source>Show tables instead of charts</source>
        <translation>用表格代替圖表顯示</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Script adoption</source>
        <translation>話術採用情況</translation>
    </message>
    <message>
        <source>Share of the team's agents who opened each script</source>
        <translation>團隊中開啟過各話術的坐席佔比</translation>
    </message>
    <message>
        <source>Searches that found nothing</source>
        <translation>沒有結果的搜尋</translation>
    </message>
    <message>
        <source>What agents searched for without opening any result</source>
        <translation>坐席搜尋後沒有開啟任何結果的詞</translation>
    </message>
    <message>
        <source>No script was opened in this period</source>
        <translation>此期間沒有開啟過任何話術</translation>
    </message>
    <message>
        <source>Every search found something in this period</source>
        <translation>此期間所有搜尋都找到了結果</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>話術</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>坐席數</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>佔比</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>開啟次數</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>複製次數</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋詞</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次數</translation>
    </message>
</context>
<context>
    <name>TeamStrip</name>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在連線 %1…</translation>
    </message>
    <message>
        <source>%1: downloading answers %2 of %3</source>
        <translation>%1：正在下載答案 %2 / %3</translation>
    </message>
    <message>
        <source>%1: downloading the pack %2 (%3)</source>
        <translation>%1：正在下載話術包 %2（%3）</translation>
    </message>
    <message>
        <source>%1: checking for changes…</source>
        <translation>%1：正在檢查更新…</translation>
    </message>
    <message>
        <source>Offline since %1: %2 cannot be reached. Search uses the copy on this computer; editing needs the server.</source>
        <translation>自 %1 起離線：無法連線 %2。搜尋使用本機副本；編輯需要連上伺服器。</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 拒絕了連線：%2</translation>
    </message>
    <message>
        <source>Following %1 · up to date (%2)</source>
        <translation>已同步 %1 · 內容最新（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n pack(s) refused</source>
        <translation>
            <numerusform>%n 個話術包被拒收</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Team dashboard</source>
        <translation>團隊看板</translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <source>Say what came of the call first.</source>
        <translation>請先填寫通話結果。</translation>
    </message>
    <message>
        <source>The promise is due in the past; pick a later time.</source>
        <translation>承諾時間已經過去，請選一個以後的時間。</translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation>通話結束：%1</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>通話結束</translation>
    </message>
    <message>
        <source>Solved on this call</source>
        <translation>本次通話已解決</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>需要跟進</translation>
    </message>
    <message>
        <source>Escalated to a supervisor</source>
        <translation>已升級給主管</translation>
    </message>
    <message>
        <source>Transferred to another team</source>
        <translation>已轉交其他部門</translation>
    </message>
    <message>
        <source>Customer hung up</source>
        <translation>客戶已結束通話</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Scripts used</source>
        <translation>用過的話術</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承諾</translation>
    </message>
    <message>
        <source>Promises kept now</source>
        <translation>本次已兌現的承諾</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期時間</translation>
    </message>
    <message>
        <source>What you promised, if anything (e.g. call back with the refund state)</source>
        <translation>答應客戶的事（如有），例如：回電告知退款進度</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳過</translation>
    </message>
    <message>
        <source>No customer record has this number, so there is nothing to save it to.</source>
        <translation>這個號碼沒有對應的客戶記錄，小結無處儲存。</translation>
    </message>
</context>
</TS>