<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CallerArea</name>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>老年客户</translation>
    </message>
    <message>
        <source>Called in the last 7 days</source>
        <translation>7 天内来电过</translation>
    </message>
    <message>
        <source>Complained before about this</source>
        <translation>同一问题投诉过</translation>
    </message>
    <message>
        <source>Complaint due soon or overdue</source>
        <translation>投诉临近或超过承诺时间</translation>
    </message>
    <message>
        <source>Promise due</source>
        <translation>承诺到期</translation>
    </message>
    <message>
        <source>Abusive before</source>
        <translation>曾有辱骂</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
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
        <translation>普通会员</translation>
    </message>
    <message>
        <source>Gold member</source>
        <translation>金卡会员</translation>
    </message>
    <message>
        <source>VIP customer</source>
        <translation>VIP 客户</translation>
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
        <translation>已发货</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
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
        <translation>退货中</translation>
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
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>还剩 %1</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <source>Hide the number</source>
        <translation>隐藏号码</translation>
    </message>
    <message>
        <source>Show the whole number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <source>No call in progress</source>
        <translation>当前没有通话</translation>
    </message>
    <message>
        <source>When the phone rings, the caller&apos;s card and the scripts that fit appear here.</source>
        <translation>来电时，这里会显示来电客户的资料卡和适用的话术。</translation>
    </message>
    <message>
        <source>Number withheld</source>
        <translation>号码未显示</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未知来电</translation>
    </message>
    <message>
        <source>No customer record has this number. Ask for the order number or the phone number the account uses.</source>
        <translation>没有客户登记过这个号码。请询问订单号，或账户绑定的手机号。</translation>
    </message>
    <message>
        <source>%1 years old</source>
        <translation>%1 岁</translation>
    </message>
    <message>
        <source>demo customer</source>
        <translation>演示客户</translation>
    </message>
    <message>
        <source>Promised: %1</source>
        <translation>已承诺：%1</translation>
    </message>
    <message>
        <source>Call %1 (%2): %3</source>
        <translation>来电 %1（%2）：%3</translation>
    </message>
</context>
<context>
    <name>CallsController</name>
    <message>
        <source>Caller cards are unavailable: %1</source>
        <translation>无法显示来电资料卡：%1</translation>
    </message>
    <message>
        <source>The phone region %1 is not a region code such as CN, HK or TW; numbers are read as %2 ones.</source>
        <translation>号码地区 %1 不是 CN、HK、TW 这样的地区代码；号码暂按 %2 的规则识别。</translation>
    </message>
    <message>
        <source>Call events over HTTP are off: port %1 is not free (%2).</source>
        <translation>HTTP 来电通知未开启：端口 %1 已被占用（%2）。</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未知来电</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>The wrap-up was not saved: %1</source>
        <translation>通话小结未保存：%1</translation>
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
        <source>Your work name or number</source>
        <translation>你的工号或工作名</translation>
    </message>
    <message>
        <source>Softphone event socket</source>
        <translation>软电话事件接口</translation>
    </message>
    <message>
        <source>Call events over HTTP, port</source>
        <translation>HTTP 来电通知端口</translation>
    </message>
    <message>
        <source>Phone region</source>
        <translation>号码所属地区</translation>
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
<context>
    <name>WrapUpPanel</name>
    <message>
        <source>Say what came of the call first.</source>
        <translation>请先填写通话结果。</translation>
    </message>
    <message>
        <source>The promise is due in the past; pick a later time.</source>
        <translation>承诺时间已经过去，请选一个以后的时间。</translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation>通话结束：%1</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>通话结束</translation>
    </message>
    <message>
        <source>Solved on this call</source>
        <translation>本次通话已解决</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>需要跟进</translation>
    </message>
    <message>
        <source>Escalated to a supervisor</source>
        <translation>已升级给主管</translation>
    </message>
    <message>
        <source>Transferred to another team</source>
        <translation>已转交其他部门</translation>
    </message>
    <message>
        <source>Customer hung up</source>
        <translation>客户已挂断</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Scripts used</source>
        <translation>用过的话术</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Promises kept now</source>
        <translation>本次已兑现的承诺</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>What you promised, if anything (e.g. call back with the refund state)</source>
        <translation>答应客户的事（如有），例如：回电告知退款进度</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>No customer record has this number, so there is nothing to save it to.</source>
        <translation>这个号码没有对应的客户记录，小结无处保存。</translation>
    </message>
</context>
</TS>
