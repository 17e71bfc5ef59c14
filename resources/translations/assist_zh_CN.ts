<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CallerArea</name>
    <message>
        <source>No call in progress</source>
        <translation>当前无通话</translation>
    </message>
    <message>
        <source>When the phone rings, the caller&apos;s card and the scripts that fit appear here.</source>
        <translation>来电时，这里会显示来电客户的信息卡和适用的话术。</translation>
    </message>
    <message>
        <source>phone ends %1</source>
        <translation>尾号 %1</translation>
    </message>
</context>
<context>
    <name>FaqView</name>
    <message>
        <source>Standard answer</source>
        <translation>标准答复</translation>
    </message>
    <message>
        <source>Scenario answer</source>
        <translation>场景答复</translation>
    </message>
    <message>
        <source>Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · Tab fills a gap · Esc back to search</source>
        <translation>Enter 或 Ctrl+C 复制本行 · Ctrl+Shift+C 复制整条答复 · Tab 填写待填项 · Esc 返回搜索</translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>问答</translation>
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
        <translation>需升级</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>End of the script. Ctrl+R starts it again.</source>
        <translation>话术已结束。按 Ctrl+R 可重新开始。</translation>
    </message>
    <message>
        <source>1-9 choose · Backspace back · Enter or Ctrl+C copies the line · Space ticks · Tab fills a gap · Ctrl+R restart · Esc back to search</source>
        <translation>1-9 选择 · Backspace 上一步 · Enter 或 Ctrl+C 复制本行 · 空格 勾选 · Tab 填写待填项 · Ctrl+R 重新开始 · Esc 返回搜索</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Hotkey to show the sidebar</source>
        <translation>呼出侧边栏的快捷键</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Docked at the right edge</source>
        <translation>停靠在屏幕右侧</translation>
    </message>
    <message>
        <source>Docked at the left edge</source>
        <translation>停靠在屏幕左侧</translation>
    </message>
    <message>
        <source>Floating window</source>
        <translation>浮动窗口</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>The usual place on this computer</source>
        <translation>本机默认位置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>A new data folder is used from the next start.</source>
        <translation>更换数据文件夹后，下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Settings: %1</source>
        <translation>设置：%1</translation>
    </message>
    <message>
        <source>No Chinese font was found, so Chinese text may show as boxes. Install one (on Debian: fonts-noto-cjk) and start the sidebar again.</source>
        <translation>未找到中文字体，中文可能显示成方框。请安装中文字体（Debian 上可安装 fonts-noto-cjk），然后重新启动侧边栏。</translation>
    </message>
    <message>
        <source>The knowledge base at %1 could not be opened (%2). Nothing in it was changed.</source>
        <translation>无法打开位于 %1 的知识库（%2）。知识库内容没有任何改动。</translation>
    </message>
    <message>
        <source>Showing a copy of it: search works, but changes made now are not kept.</source>
        <translation>当前显示的是知识库副本：可以正常搜索，但现在所做的修改不会保存。</translation>
    </message>
    <message>
        <source>Showing the built-in answers and scripts only; changes made now are not kept.</source>
        <translation>当前仅显示内置的答复和话术；现在所做的修改不会保存。</translation>
    </message>
    <message>
        <source>The built-in content could not be opened either (%1). Search is unavailable.</source>
        <translation>内置内容也无法打开（%1）。搜索不可用。</translation>
    </message>
    <message>
        <source>Search is unavailable.</source>
        <translation>搜索不可用。</translation>
    </message>
    <message>
        <source>The knowledge base could not be opened: %1</source>
        <translation>无法打开知识库：%1</translation>
    </message>
    <message>
        <source>The hotkey is not available: %1</source>
        <translation>快捷键不可用：%1</translation>
    </message>
    <message>
        <source>Agent Assist</source>
        <translation>坐席助手</translation>
    </message>
    <message>
        <source>Show the sidebar</source>
        <translation>显示侧边栏</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Settings were not saved: %1</source>
        <translation>设置未保存：%1</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>The synonym table was not used: %1</source>
        <translation>未使用同义词表：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found. Try fewer characters or other words.</source>
        <translation>没有找到结果。试试少输几个字，或换个说法。</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Opening the knowledge base…</source>
        <translation>正在打开知识库…</translation>
    </message>
    <message numerus="yes">
        <source>%n entries and scripts ready</source>
        <translation>
            <numerusform>%n 条问答和话术已就绪</numerusform>
        </translation>
    </message>
    <message>
        <source>That entry is no longer in the knowledge base.</source>
        <translation>知识库里已经没有这条问答了。</translation>
    </message>
    <message>
        <source>That script is no longer in the library.</source>
        <translation>话术库里已经没有这套话术了。</translation>
    </message>
    <message>
        <source>Could not open it: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>已复制：%1</translation>
    </message>
    <message>
        <source>Usage is not being recorded: %1</source>
        <translation>未能记录使用情况：%1</translation>
    </message>
    <message>
        <source>Agent Assist</source>
        <translation>坐席助手</translation>
    </message>
    <message>
        <source>Search answers and scripts</source>
        <translation>搜索问答和话术</translation>
    </message>
    <message>
        <source>Search answers and scripts: Chinese, pinyin, initials or English</source>
        <translation>搜索问答和话术：中文、拼音、首字母或英文</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>设置（Ctrl+,）</translation>
    </message>
    <message>
        <source>Type a few characters: 退款, tuikuan, tk or refund.
Up/Down pick a result, Enter opens it, Ctrl+1..9 open one directly, Esc clears.</source>
        <translation>输入几个字：退款、tuikuan、tk 或 refund。
↑/↓ 选择结果，Enter 打开，Ctrl+1..9 直接打开对应条目，Esc 清空。</translation>
    </message>
</context>
</TS>
