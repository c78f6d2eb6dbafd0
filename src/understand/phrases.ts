import type { Act } from './types';

/**
 * Whole-message phrases of each dialog act in English and Chinese, as people type them in chat.
 * Matched after plain() (lower-case, no edge punctuation or emoji) and with polite tails removed.
 */
export const ACT_PHRASES: Record<Exclude<Act, 'status'>, string[]> = {
  affirm: [
    'yes', 'y', 'yeah', 'yea', 'ya', 'yah', 'yeh', 'ye', 'yep', 'yup', 'yess', 'yes please', 'sure', 'sure thing', 'of course', 'correct',
    'right', "that's right", 'thats right', 'true', 'ok', 'okay', 'alright', 'all right', 'fine', 'i did', 'did', 'i have', 'yes i did',
    'yes i have', 'absolutely', 'definitely', 'affirmative', 'indeed', 'exactly', 'uh huh', 'mhm', 'yes it is', 'it is', "that's it",
    'go ahead', 'please do', 'do it', 'confirmed', 'confirm', 'great', 'perfect', 'awesome', 'excellent', 'cool', 'nice', 'brilliant',
    'sounds good', 'yes it did', 'it did', 'yes that helped', 'i think so', 'yes sir', 'yessir', 'ok great', 'okay great', 'got it', 'gotcha',
    'perfect got it', 'great got it', 'understood',
    '是', '是的', '是啊', '是滴', '对', '对的', '对啊', '对呀', '没错', '有', '有的', '好', '好的', '好滴', '好啊', '行', '可以', '嗯', '嗯嗯', '恩',
    '恩恩', '明白了', '懂了', '了解了', '确定', '确认', '当然', '点了', '点过', '点过了', '点开了', '输入了', '输了', '打开了', '需要', '要', '太好了', '没问题', '对的对的', 'ok的',
  ],
  deny: [
    'no', 'n', 'nope', 'nah', 'naw', 'noo', 'not really', 'not exactly', "no it's not", 'no its not', "no it isn't", 'not', 'false', 'never',
    'i did not', "i didn't", 'did not', "didn't", "no i didn't", 'no i did not', 'negative', 'nothing', 'not at all', 'no way', 'wrong',
    'incorrect', "that's wrong", "i haven't", "haven't", 'have not', 'no thanks', 'no thank you', 'not yet', "it didn't", "no it didn't",
    "i don't think so", 'dont think so', "don't think so", 'no sir', 'no need', 'no i have not', "no i haven't",
    '不', '不是', '不是的', '否', '没有', '没', '没呢', '不对', '没点', '没有点', '没点开', '没打开', '都没有', '没输', '没输入', '没有输入',
    '不用', '不需要', '不要', '错了', '还没有', '还没', '并没有', '没有的', '不是啊', '没有啊',
  ],
  resolved: [
    'fixed', "it's fixed", 'its fixed', 'fixed now', "it's fixed now", 'fixed it', 'all fixed', 'resolved', 'solved', 'sorted', 'sorted now',
    'all sorted', 'all good', 'all good now', "it's all good", 'good now', 'works', 'works now', 'it works', 'it works now', "it's working",
    'its working', 'working now', "it's working now", 'its working now', 'working again', 'works again', 'it works again',
    "it's working again", 'back to normal', 'found it', 'wait found it', 'found it myself', 'figured it out', 'figured it out myself',
    'sorted it myself', 'fixed it myself', 'false alarm', 'my bad', 'all working', 'all working now', 'fine now', "it's fine now", 'ok now', 'okay now',
    "it's ok now", "it's okay now", 'that worked', 'that fixed it', 'that did it', 'that did the trick', 'that helped', 'it helped',
    'problem solved', 'issue resolved', 'problem fixed', 'issue fixed', 'no longer an issue', 'all set', "we're good", "i'm good",
    'good to go', 'done', "it's done", 'sorted it', 'got it working', 'i fixed it', 'managed to fix it', 'figured it out',
    'never mind it works', 'nevermind it works', 'never mind it works now', 'it is working', 'it is fixed', 'is working now', 'everything works',
    'everything is working', 'everything works now', 'running again', 'up and running', 'back up and running', 'its fine now', 'works fine now',
    'works perfectly', 'working fine', 'working fine now', 'i can log in now', 'i can print now', 'i can connect now', 'connected now',
    '好了', '好啦', '可以了', '可以啦', '行了', '搞定了', '搞定', '搞定啦', '没问题了', '没事了', '没事啦', '正常了', '恢复了', '恢复正常了',
    '解决了', '已解决', '问题解决了', '能用了', '可以用了', '好用了', '现在能收到了', '现在好了', '现在可以了', '现在正常了', '修好了',
    '已经好了', '弄好了', '连上了', '能连上了', '登上了', '能登录了', '收到了', 'ok了', '好使了', '都好了', '已经可以了', '已经解决了',
    '现在没问题了', '现在能用了', '现在可以用了', '已经正常了', '能打印了', '可以打印了', '能上网了', '可以上网了', '弄好啦', '好了好了',
  ],
  not_resolved: [
    'still broken', 'still not working', 'still not fixed', "still doesn't work", 'still does not work', 'still the same', 'still happening',
    'still failing', 'still an issue', 'still a problem', 'not fixed', 'not resolved', 'not solved', 'not working', "doesn't work",
    'does not work', "didn't work", 'did not work', "didn't help", 'did not help', "that didn't work", "that didn't help", 'no luck',
    'still no luck', 'no change', 'same problem', 'same issue', 'same thing', 'same', "it's still broken", 'broken', 'still',
    "it's not working", 'its not working', 'not working still', 'still not', "still can't", 'still cannot', 'still crashing',
    'still crashes', 'worse', 'it got worse', "it's worse", 'not fixed yet', 'still not resolved', "it doesn't", "it's still not working",
    '还是不行', '还不行', '不行', '不行啊', '还是不能用', '还是没好', '没好', '没有好', '还没好', '没解决', '没有解决', '还没解决', '还是一样',
    '一样', '依旧', '依然不行', '仍然不行', '还是老样子', '老样子', '没用', '没有用', '不管用', '还是打不开', '还是连不上', '还是收不到',
    '更糟了', '没修好', '还是有问题', '问题还在', '还是坏的', '还是报错', '仍然报错', '照旧', '一样的问题', '还是不好用', '不好使',
  ],
  thanks: [
    'thanks', 'thank you', 'thank you so much', 'thanks a lot', 'many thanks', 'thanks so much', 'thanks a million', 'cheers',
    'much appreciated', 'appreciate it', 'thank u', 'thankyou', 'thanks again', 'thanks for your help', 'thank you for your help',
    'thanks for the help', 'great thanks', 'great thank you', 'ok thanks', 'okay thanks', 'ok thank you', 'thanks mate',
    '谢谢', '谢谢你', '谢谢您', '多谢', '感谢', '非常感谢', '谢啦', '谢了', '3q', '辛苦了', '辛苦', '麻烦了', '感谢感谢', '谢谢谢谢', '好的谢谢', '谢谢啦',
  ],
  cancel: [
    'cancel', 'cancel it', 'cancel this', 'cancel that', 'stop', 'quit', 'exit', 'abort', 'never mind', 'nevermind', 'nvm', 'forget it',
    'forget about it', "don't bother", 'not needed anymore', 'no longer needed', "doesn't matter", 'ignore', 'ignore that', 'ignore it',
    'drop it', 'ignore me', 'ignore this', 'disregard', 'please disregard', 'disregard that', 'no need anymore', 'no need anymore cancel', 'not needed', 'no longer need it', "don't need it anymore", 'cancel the ticket', 'cancel my ticket', 'cancel the request', 'cancel request', 'please cancel', 'stop it', 'scratch that', 'forget that', 'never mind then', 'no longer required',
    '取消', '算了', '不用了', '不用弄了', '不用处理了', '退出', '停止', '不需要了', '不要了', '别管了', '不弄了', '取消工单', '撤销', '撤回', '算啦', '不用麻烦了', '取消掉',
    '取消申请', '不办了',
  ],
  human: [
    'human', 'agent', 'operator', 'real person', 'a human', 'an agent', 'person', 'a person', 'someone', 'live agent', 'live person',
    'representative', 'a real human', 'real human', 'talk to a human', 'talk to someone', 'speak to someone', 'speak to a person',
    'i want a human', 'i want a person', 'get me a human', 'technician', 'a technician', 'call me', 'human being', 'support person',
    'talk to agent', 'speak to agent', 'talk to human', 'speak to human', 'someone from it', 'a real person', 'human agent',
    '转人工', '人工客服', '人工', '找人工', '人工服务', '真人', '找真人', '客服', '找个人', '找人', '我要找人', '我要人工', '要人工', '转接人工',
    '找技术人员', '找工程师', '有人吗', '人呢', '我要转人工', '转真人', '找客服', '联系人工', '真人客服', '我要真人', '找个真人', '转人工服务',
  ],
  restart: ['start over', 'restart', 'reset', 'start again', 'begin again', 'from the start', 'start from scratch', '重新开始', '重来', '从头开始', '重新来'],
  back: ['back', 'go back', 'previous', 'undo', 'previous question', 'back up', '返回', '上一步', '上一个', '后退', '回到上一步'],
  skip: [
    'skip', 'pass', 'n/a', 'na', 'none', 'skip this', 'skip it', 'next', "don't know", 'dont know', "i don't know", 'not sure', 'no idea',
    'unsure', 'idk', 'dunno', 'no clue', "i'm not sure", '跳过', '略过', '下一个', '不知道', '不清楚', '不确定', '无', '不晓得', '没注意',
  ],
  new: ['new', 'new problem', 'new issue', 'another problem', 'another issue', 'i have another problem', 'different problem', '新问题', '新的问题', '另一个问题', '还有一个问题', '别的问题'],
  help: ['help', '?', '？', 'what can you do', 'menu', 'commands', 'how does this work', '帮助', '怎么用', '你能做什么', '使用说明', '功能'],
  greeting: [
    'anyone', 'anyone there', 'anybody', 'anybody there', 'is anyone there', 'is anybody there', 'hello anyone', 'still waiting', 'hellooo', 'ping', '人呢', '还在吗', '有人在吗',
    'nobody has replied', 'no one has replied', 'no reply yet', 'still nothing', 'still no reply', 'how much longer', '有人吗', '有人管吗', '还没人管吗', '还没人管', '还没有人管吗', '怎么还没人管', '还没人处理吗', '怎么还没人处理', '还没人回吗', '还要等多久', '等好久了', '等了好久了',
    'hi', 'hello', 'hey', 'hiya', 'yo', 'howdy', 'good morning', 'good afternoon', 'good evening', 'morning', 'hi there', 'hello there',
    'hey there', 'hi bot', 'hello bot', 'hey bot', 'anyone there', 'is anyone there', 'hello?', 'greetings',
    '你好', '您好', '嗨', '哈喽', '哈啰', '早', '早上好', '下午好', '晚上好', '在吗', '在不在', '你好啊', '您好啊', '大家好', 'hi你好',
  ],
};

/** Phrase -> act, built once. Later acts in this order win on duplicates, so the order matters. */
export const PHRASE_ACT: Map<string, Exclude<Act, 'status'>> = (() => {
  const order: Exclude<Act, 'status'>[] = ['affirm', 'thanks', 'deny', 'skip', 'new', 'help', 'greeting', 'back', 'restart', 'resolved', 'not_resolved', 'human', 'cancel'];
  const map = new Map<string, Exclude<Act, 'status'>>();
  for (const act of order) for (const p of ACT_PHRASES[act]) map.set(p, act);
  return map;
})();
