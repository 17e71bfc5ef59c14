<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW">
<context>
    <name>CallerArea</name>
    <message>
        <source>No call in progress</source>
        <translation>目前沒有通話</translation>
    </message>
    <message>
        <source>When the phone rings, the caller's card and the scripts that fit appear here.</source>
        <translation>來電時，這裡會顯示來電客戶的資料卡和適用的話術。</translation>
    </message>
    <message>
        <source>phone ends %1</source>
        <translation>電話末碼 %1</translation>
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
</TS>