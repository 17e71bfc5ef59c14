<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>In a call</source>
        <translation>通话中怎么说</translation>
    </message>
    <message>
        <source>Also asked as</source>
        <translation>相似问法</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Verify by</source>
        <translation>核实期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing to show</source>
        <translation>暂无数据</translation>
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
    <name>ConflictDialog</name>
    <message>
        <source>Published meanwhile: choose per field</source>
        <translation>期间已有新版本发布：请逐个字段选择</translation>
    </message>
    <message>
        <source>%1 published version %2 after this draft started from version %3. Fields only one side changed are merged already; for each field below, keep your text or take theirs.</source>
        <translation>本草稿基于版本 %3 创建后，%1 发布了版本 %2。只有一方改动的字段已自动合并；下面的每个字段，请选择保留你的内容或采用对方的内容。</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>有人</translation>
    </message>
    <message>
        <source>&lt;b&gt;Theirs (published)&lt;/b&gt;</source>
        <translation>&lt;b&gt;对方的（已发布）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Yours (this draft)&lt;/b&gt;</source>
        <translation>&lt;b&gt;你的（本草稿）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Use these and continue editing</source>
        <translation>按所选合并并继续编辑</translation>
    </message>
</context>
<context>
    <name>EditorWindow</name>
    <message>
        <source>New question</source>
        <translation>新问题</translation>
    </message>
    <message>
        <source>Could not load the entries: %1</source>
        <translation>无法加载条目：%1</translation>
    </message>
    <message>
        <source>Could not open the entry: %1</source>
        <translation>无法打开条目：%1</translation>
    </message>
    <message>
        <source>%1 is no longer in the knowledge base.</source>
        <translation>知识库里已经没有 %1 了。</translation>
    </message>
    <message>
        <source>Your changes to %1 are not saved yet; fix what is marked, or discard the draft, before opening another entry.</source>
        <translation>对 %1 的修改还没有保存；请先改正标出的问题，或放弃草稿，再打开其他条目。</translation>
    </message>
    <message>
        <source>%1 · published version %2 · typing starts your draft</source>
        <translation>%1 · 已发布版本 %2 · 开始输入即创建你的草稿</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>waiting for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>sent back</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>%1 · %2&apos;s %3 from version %4</source>
        <translation>%1 · %2 基于版本 %4 的%3</translation>
    </message>
    <message>
        <source>%1 says: %2</source>
        <translation>%1 的意见：%2</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>编辑中…</translation>
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation>草稿已保存 %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Could not check the entry: %1</source>
        <translation>无法检查条目：%1</translation>
    </message>
    <message>
        <source>The text changed meanwhile; checking it again.</source>
        <translation>文本已有改动，正在重新检查。</translation>
    </message>
    <message>
        <source>Replaced “%1” with “%2”.</source>
        <translation>已将“%1”替换为“%2”。</translation>
    </message>
    <message>
        <source>Nothing to submit: change the entry first.</source>
        <translation>没有可提交的内容：请先修改条目。</translation>
    </message>
    <message numerus="yes">
        <source>Not submitted: %n phrases must change first (marked in red).</source>
        <translation>
            <numerusform>未提交：有 %n 处用语必须先修改（已标红）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not submitted: %1</source>
        <translation>未提交：%1</translation>
    </message>
    <message>
        <source>Submitted for review.</source>
        <translation>已提交审核。</translation>
    </message>
    <message>
        <source>Checking the answer first; approve again in a moment.</source>
        <translation>正在先检查这条答复，请稍后再点通过。</translation>
    </message>
    <message>
        <source>The answer still has %1 phrase(s) the lint warns about. Publish it anyway?</source>
        <translation>答复里还有 %1 处用语被提示需要注意。仍要发布吗？</translation>
    </message>
    <message>
        <source>Published version %1; agents find it now.</source>
        <translation>已发布版本 %1，坐席现在就能搜到。</translation>
    </message>
    <message>
        <source>Published version %1, but search was not refreshed: %2</source>
        <translation>已发布版本 %1，但搜索未能刷新：%2</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>未发布：%1</translation>
    </message>
    <message>
        <source>Say what to change: a rejection needs a comment.</source>
        <translation>请写明要改什么：驳回必须填写审核意见。</translation>
    </message>
    <message>
        <source>Sent back to %1.</source>
        <translation>已驳回给 %1。</translation>
    </message>
    <message>
        <source>Not sent back: %1</source>
        <translation>未驳回：%1</translation>
    </message>
    <message>
        <source>Throw away your draft of “%1”? The published entry stays as it is.</source>
        <translation>要放弃“%1”的草稿吗？已发布的条目保持不变。</translation>
    </message>
    <message>
        <source>Draft discarded.</source>
        <translation>草稿已放弃。</translation>
    </message>
    <message>
        <source>Not discarded: %1</source>
        <translation>草稿未放弃：%1</translation>
    </message>
    <message>
        <source>Not published: the draft is kept as it was until the conflict is resolved.</source>
        <translation>未发布：冲突解决之前，草稿保持原样。</translation>
    </message>
    <message>
        <source>Not published: %1 changed meanwhile.</source>
        <translation>未发布：%1 在此期间改动了这条内容。</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>有人</translation>
    </message>
    <message>
        <source>Merged with version %1: check it and submit it again.</source>
        <translation>已与版本 %1 合并：请检查后重新提交。</translation>
    </message>
    <message>
        <source>Not merged: %1</source>
        <translation>未合并：%1</translation>
    </message>
    <message>
        <source>Publish version %1 again, as a new version?</source>
        <translation>要将版本 %1 作为新版本重新发布吗？</translation>
    </message>
    <message>
        <source>Version %1 is published again as version %2.</source>
        <translation>版本 %1 已重新发布为版本 %2。</translation>
    </message>
    <message>
        <source>Not rolled back: %1</source>
        <translation>未回滚：%1</translation>
    </message>
    <message>
        <source>Could not read the usage log: %1</source>
        <translation>无法读取使用记录：%1</translation>
    </message>
    <message>
        <source>New draft “%1”: write the answer and submit it.</source>
        <translation>已新建草稿“%1”：请填写答复后提交。</translation>
    </message>
    <message>
        <source>Could not start an entry: %1</source>
        <translation>无法新建条目：%1</translation>
    </message>
    <message>
        <source>Knowledge editor — %1</source>
        <translation>知识库编辑器 — %1</translation>
    </message>
    <message>
        <source>Filter by words</source>
        <translation>按关键词筛选</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新建条目</translation>
    </message>
    <message>
        <source>Needs verification</source>
        <translation>待核实</translation>
    </message>
    <message>
        <source>Published entries past their verify-by date</source>
        <translation>已过核实期限的已发布条目</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>As the agent sees it</source>
        <translation>坐席看到的效果</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <source>Review comment (needed to reject)</source>
        <translation>审核意见（驳回时必填）</translation>
    </message>
    <message>
        <source>Approve and publish</source>
        <translation>审核通过并发布</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <source>What agents could not find</source>
        <translation>坐席没找到的内容</translation>
    </message>
    <message>
        <source>Phrases to avoid</source>
        <translation>禁用语规则</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Published: agents find it</source>
        <translation>已发布：坐席可以搜到</translation>
    </message>
    <message>
        <source>Archived: out of agents&apos; search</source>
        <translation>已归档：坐席搜不到</translation>
    </message>
    <message>
        <source>One per line</source>
        <translation>每行一个</translation>
    </message>
    <message>
        <source>What to say on a call, step by step</source>
        <translation>通话中怎么说，按步骤逐条写</translation>
    </message>
    <message>
        <source>Check again by</source>
        <translation>到期重新核实</translation>
    </message>
    <message>
        <source>Unticked: no date, the entry never asks to be checked</source>
        <translation>不勾选：不设日期，这个条目不会提醒核实</translation>
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
        <translation>审核中</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (verify)</source>
        <translation>%1（待核实）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
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
        <translation>标准答复</translation>
    </message>
    <message>
        <source>Scenario answer</source>
        <translation>场景答复</translation>
    </message>
    <message>
        <source>Possibly outdated: due for checking since %1</source>
        <translation>可能已过时：自 %1 起待核实</translation>
    </message>
    <message>
        <source>Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · Tab fills a gap · Esc back to search</source>
        <translation>Enter 或 Ctrl+C 复制本行 · Ctrl+Shift+C 复制整条答复 · Tab 填写待填项 · Esc 返回搜索</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>%1 “%2”: %3 Instead: %4</source>
        <translation>%1“%2”：%3 建议：%4</translation>
    </message>
    <message>
        <source>Replace with “%1”</source>
        <translation>替换为“%1”</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>No phrases to avoid</source>
        <translation>没有需要避免的用语</translation>
    </message>
    <message numerus="yes">
        <source>Phrases to avoid: %n</source>
        <translation>
            <numerusform>需要避免的用语：%n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>published</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>imported again</source>
        <translation>重新导入</translation>
    </message>
    <message>
        <source>from a pack</source>
        <translation>来自话术包</translation>
    </message>
    <message>
        <source>No field differs.</source>
        <translation>各字段没有差异。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Now, in the editor</source>
        <translation>编辑器中的当前内容</translation>
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
        <translation>编辑人</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Choose one version to compare with the editor, or two to compare them (Ctrl+click).</source>
        <translation>选择一个版本与编辑器中的内容对比，或选择两个版本互相对比（Ctrl+单击）。</translation>
    </message>
    <message>
        <source>Roll back to this version</source>
        <translation>回滚到此版本</translation>
    </message>
</context>
<context>
    <name>LintTextEdit</name>
    <message>
        <source>Replace with “%1”</source>
        <translation>替换为“%1”</translation>
    </message>
</context>
<context>
    <name>MissChart</name>
    <message>
        <source>No missed searches</source>
        <translation>没有未命中的搜索</translation>
    </message>
</context>
<context>
    <name>MissesPanel</name>
    <message>
        <source>%1 — opened %2 times</source>
        <translation>%1 — 打开 %2 次</translation>
    </message>
    <message>
        <source>Searched for, found nothing opened</source>
        <translation>搜索后未打开任何结果的词</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最近一次</translation>
    </message>
    <message>
        <source>Create an entry from this</source>
        <translation>据此新建条目</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Most opened entries</source>
        <translation>打开最多的条目</translation>
    </message>
    <message>
        <source>Loading the last 30 days…</source>
        <translation>正在加载最近 30 天的数据…</translation>
    </message>
    <message>
        <source>Last %1 days: %2 searches found nothing the agent opened.</source>
        <translation>最近 %1 天：有 %2 次搜索后坐席没有打开任何结果。</translation>
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
    <name>RulesTab</name>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>the bundled rules</source>
        <translation>内置规则</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>Phrases to avoid, and what to say instead: the rule set in force is %1. Saving checks every rule first and keeps the earlier versions.</source>
        <translation>禁用语及推荐说法：当前生效的规则是%1。保存前会逐条检查，之前的版本都会保留。</translation>
    </message>
    <message>
        <source>Save as a new version</source>
        <translation>另存为新版本</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
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
        <source>Knowledge base role</source>
        <translation>知识库角色</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>团队服务器</translation>
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
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核员</translation>
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
        <source>Knowledge editor…</source>
        <translation>知识库编辑器…</translation>
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
    <name>TeamDashboard</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Could not load the team&apos;s usage: %1</source>
        <translation>无法加载团队使用情况：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · last %2 days · %3 of %Ln agents active</source>
        <translation>
            <numerusform>%1 · 最近 %2 天 · %Ln 名坐席中 %3 名活跃</numerusform>
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
            <numerusform>打开 %Ln 次</numerusform>
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
        <translation>团队看板</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时间范围：</translation>
    </message>
    <message>
        <source>Last %1 days</source>
        <translation>最近 %1 天</translation>
    </message>
    <message>
        <source>Exact numbers</source>
        <translation>精确数字</translation>
    </message>
    <message>
        <source>Show tables instead of charts</source>
        <translation>用表格代替图表显示</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Script adoption</source>
        <translation>话术采用情况</translation>
    </message>
    <message>
        <source>Share of the team&apos;s agents who opened each script</source>
        <translation>团队中打开过各话术的坐席占比</translation>
    </message>
    <message>
        <source>Searches that found nothing</source>
        <translation>没有结果的搜索</translation>
    </message>
    <message>
        <source>What agents searched for without opening any result</source>
        <translation>坐席搜索后没有打开任何结果的词</translation>
    </message>
    <message>
        <source>No script was opened in this period</source>
        <translation>此期间没有打开过任何话术</translation>
    </message>
    <message>
        <source>Every search found something in this period</source>
        <translation>此期间所有搜索都找到了结果</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>坐席数</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>打开次数</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>复制次数</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索词</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
</context>
<context>
    <name>TeamStrip</name>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>%1: downloading answers %2 of %3</source>
        <translation>%1：正在下载答案 %2 / %3</translation>
    </message>
    <message>
        <source>%1: downloading the pack %2 (%3)</source>
        <translation>%1：正在下载话术包 %2（%3）</translation>
    </message>
    <message>
        <source>%1: checking for changes…</source>
        <translation>%1：正在检查更新…</translation>
    </message>
    <message>
        <source>Offline since %1: %2 cannot be reached. Search uses the copy on this computer; editing needs the server.</source>
        <translation>自 %1 起离线：无法连接 %2。搜索使用本机副本；编辑需要连上服务器。</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 拒绝了连接：%2</translation>
    </message>
    <message>
        <source>Following %1 · up to date (%2)</source>
        <translation>已同步 %1 · 内容最新（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n pack(s) refused</source>
        <translation>
            <numerusform>%n 个话术包被拒收</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Team dashboard</source>
        <translation>团队看板</translation>
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
