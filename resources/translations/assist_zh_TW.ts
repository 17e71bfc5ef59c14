<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW">
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
        <source>Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · Tab fills a gap · Esc back to search</source>
        <translation>Enter 或 Ctrl+C 複製這一行 · Ctrl+Shift+C 複製整則回覆 · Tab 填寫待填欄位 · Esc 回到搜尋</translation>
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