// UI strings for the widget. Server text (answers, product names) is never translated here.

export const SUPPORTED_LOCALES = Object.freeze(['en', 'zh']);

const STRINGS = {
  en: {
    title: 'Chat with us',
    openChat: 'Open chat',
    closeChat: 'Close chat',
    panelLabel: 'Customer service chat',
    'status.connecting': 'Connecting…',
    'status.online': 'Online',
    'status.reconnecting': 'Reconnecting…',
    inputLabel: 'Your message',
    placeholder: 'Type your message…',
    send: 'Send',
    from_bot: 'Bot',
    from_agent: 'Agent',
    from_shopper: 'You',
    source: 'Source:',
    typing: 'The bot is typing…',
    sending: 'Sending…',
    notSent: 'Not sent',
    view: 'View',
    addToCart: 'Add to cart',
    addToCartMessage: 'Add {title} to cart',
    signedInAs: 'Signed in as {name}',
    signedIn: 'Signed in',
    messagesLabel: 'Conversation',
    quickRepliesLabel: 'Suggested replies',
    'error.text_too_long': 'That message is a bit long — please shorten it and try again.',
    'error.rate_limited': 'You’re sending messages quickly — we’ll send the rest in a moment.',
    'error.internal': 'Something went wrong on our side. We’ll retry in a moment.',
    'error.unavailable': 'We can’t save messages right now. Yours will be sent as soon as we’re back.',
    'error.missing_field': 'Please type a message first.',
    'error.generic': 'That didn’t go through. Please try again.',
    'error.identity_rejected': 'We couldn’t confirm your sign-in, so you’re chatting as a guest.',
    'handoff.queued': 'Waiting for a person — you are number {position} in line (about {minutes} min)',
    'handoff.queuedNoEstimate': 'Waiting for a person — you are number {position} in line',
    'handoff.waiting': 'Waiting for a person…',
    'handoff.noAgents': 'No one from our team is online right now. Leave your email and we’ll write back.',
    'handoff.assigned': 'You’re chatting with {name}',
    'handoff.assignedUnnamed': 'You’re chatting with someone from our team',
    'handoff.ended': 'You’re back with the assistant',
    'contact.label': 'Your email',
    'contact.placeholder': 'you@example.com',
    'contact.send': 'Send',
    'contact.thanks': 'Thanks — we’ll write back to you by email.',
    'contact.notWaiting': 'You’re no longer waiting, so there’s no need to leave an email.',
    'contact.error': 'That didn’t go through. Please check the address and try again.',
    'typing.agent': '{name} is typing…',
    'typing.agentUnnamed': 'Someone from our team is typing…',
    'rating.title': 'How was your chat with {name}?',
    'rating.titleUnnamed': 'How was your chat with our team?',
    'rating.starsLabel': 'Your rating',
    'rating.star': '{count} out of 5 stars',
    'rating.comment': 'Anything else you’d like to tell us? (optional)',
    'rating.send': 'Send',
    'rating.thanks': 'Thanks for your feedback',
    'rating.error': 'That didn’t go through. Please try again.',
    'rating.tooLong': 'Please keep your comment under 1,000 characters.',
  },
  zh: {
    title: '在线客服',
    openChat: '打开聊天',
    closeChat: '关闭聊天',
    panelLabel: '在线客服聊天',
    'status.connecting': '正在连接…',
    'status.online': '在线',
    'status.reconnecting': '正在重新连接…',
    inputLabel: '你的消息',
    placeholder: '输入消息…',
    send: '发送',
    from_bot: '智能客服',
    from_agent: '人工客服',
    from_shopper: '我',
    source: '来源：',
    typing: '客服正在输入…',
    sending: '发送中…',
    notSent: '未发送',
    view: '查看',
    addToCart: '加入购物车',
    addToCartMessage: '把{title}加入购物车',
    signedInAs: '已登录：{name}',
    signedIn: '已登录',
    messagesLabel: '对话',
    quickRepliesLabel: '推荐回复',
    'error.text_too_long': '消息有点长，请精简后再试。',
    'error.rate_limited': '发送得有点快，稍后会自动发送剩下的消息。',
    'error.internal': '我们这边出了点问题，稍后会自动重试。',
    'error.unavailable': '我们暂时无法保存消息，恢复后会自动发送你的消息。',
    'error.missing_field': '请先输入消息。',
    'error.generic': '消息未能发送，请重试。',
    'error.identity_rejected': '无法确认你的登录状态，你将以访客身份继续聊天。',
    'handoff.queued': '正在为你转接人工客服，你排在第 {position} 位（约 {minutes} 分钟）',
    'handoff.queuedNoEstimate': '正在为你转接人工客服，你排在第 {position} 位',
    'handoff.waiting': '正在为你转接人工客服…',
    'handoff.noAgents': '现在没有客服在线。留下你的邮箱，我们会尽快回复你。',
    'handoff.assigned': '你正在与 {name} 聊天',
    'handoff.assignedUnnamed': '你正在与人工客服聊天',
    'handoff.ended': '已转回智能客服',
    'contact.label': '你的邮箱',
    'contact.placeholder': 'you@example.com',
    'contact.send': '发送',
    'contact.thanks': '谢谢！我们会通过邮件回复你。',
    'contact.notWaiting': '你已不在排队中，无需留下邮箱。',
    'contact.error': '未能提交，请检查邮箱地址后重试。',
    'typing.agent': '{name} 正在输入…',
    'typing.agentUnnamed': '人工客服正在输入…',
    'rating.title': '你对 {name} 的服务满意吗？',
    'rating.titleUnnamed': '你对这次人工服务满意吗？',
    'rating.starsLabel': '你的评分',
    'rating.star': '{count} 星（满分 5 星）',
    'rating.comment': '还有什么想告诉我们的吗？（可选）',
    'rating.send': '提交',
    'rating.thanks': '感谢你的反馈',
    'rating.error': '未能提交，请重试。',
    'rating.tooLong': '评论请不要超过 1000 个字。',
  },
};

/** Returns `locale` when supported, otherwise null. Accepts region tags such as `zh-CN`. */
export function normalizeLocale(locale) {
  if (typeof locale !== 'string') return null;
  const base = locale.trim().toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.includes(base) ? base : null;
}

/**
 * A lookup function for one locale; unknown keys fall back to English, then to the key itself. `{name}` in a
 * string is filled from `values` (the result is text: callers put it in textContent).
 */
export function translator(locale) {
  const table = STRINGS[normalizeLocale(locale) || 'en'];
  return (key, values = {}) => (table[key] ?? STRINGS.en[key] ?? key)
    .replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
}

/** The BCP 47 tag used for Intl formatting. */
export function intlLocale(locale) {
  return normalizeLocale(locale) === 'zh' ? 'zh-CN' : 'en';
}
