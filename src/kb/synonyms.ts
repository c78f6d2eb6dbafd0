/**
 * IT synonym groups. Every form in a group is indexed and searched as one shared concept, so
 * "wireless" finds the Wi-Fi article and "打印机" finds "printer". English forms are matched
 * after stemming (so plurals and -ing forms count), Chinese forms as substrings of Han text.
 * The first form names the concept. Keep groups tight: a loose group makes unrelated articles tie.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Network and remote access
  ['vpn', 'globalprotect', 'global protect', 'anyconnect', 'any connect', 'cisco vpn', 'forticlient', 'remote access vpn', '虚拟专用网', '远程接入', '内网穿透'],
  ['wifi', 'wi-fi', 'wi fi', 'wireless', 'wlan', 'wireless network', 'hotspot', 'ssid', '无线', '无线网', '无线网络', '热点', '网络信号'],
  ['ethernet', 'lan cable', 'network cable', 'cable', 'wired', 'rj45', 'network port', '网线', '有线', '网口'],
  ['internet', 'network', 'connectivity', '网络', '上网', '互联网', '外网'],
  ['proxy', 'firewall', 'blocked site', '代理', '防火墙'],
  ['remote desktop', 'rdp', 'mstsc', 'remote session', 'citrix', 'virtual desktop', 'vdi', '远程桌面', '远程连接', '云桌面'],
  ['connect', 'connection', 'reconnect', 'join', '连接', '连上', '连不上', '接入'],
  ['disconnect', 'disconnecting', 'disconnects', 'dropping', 'drops', 'dropped', 'drop out', 'cuts out', 'cutting out', 'keeps dropping', '断开', '掉线', '断线', '断网', '老是断'],
  // Accounts and sign-in
  ['password', 'passcode', 'passphrase', 'pwd', 'credentials', '密码', '口令'],
  ['reset', 'forgot', 'forgotten', 'recover', 'change password', '重置', '忘记', '忘了', '找回', '修改密码', '改密码'],
  ['locked', 'lockout', 'locked out', 'lock out', 'account locked', 'disabled account', '锁定', '被锁', '锁住', '冻结'],
  ['login', 'log in', 'logon', 'log on', 'sign in', 'signin', 'sign on', 'sso', 'single sign on', '登录', '登陆', '登入', '登不上', '登不进', '单点登录'],
  ['mfa', '2fa', 'two factor', 'two-factor', 'multi factor', 'multi-factor', 'two step', '2-step', 'authenticator', 'verification code', 'otp', 'one time code', 'duo', 'okta verify', '多因素', '双因素', '二次验证', '两步验证', '验证码', '动态码', '身份验证器'],
  ['account', 'user id', 'username', 'user name', 'ad account', 'domain account', '账号', '帐号', '账户', '帐户', '用户名'],
  ['permission', 'access rights', 'privilege', 'authorization', 'authorisation', 'grant access', '权限', '授权', '访问权'],
  ['admin rights', 'administrator', 'admin', 'local admin', 'elevated', '管理员', '管理员权限'],
  // Mail and collaboration
  ['email', 'e-mail', 'mail', 'mailbox', 'inbox', 'outlook', 'exchange', 'owa', '邮件', '邮箱', '电子邮件', '收件箱', '邮件客户端'],
  ['shared mailbox', 'team mailbox', 'group mailbox', 'functional mailbox', '共享邮箱', '公共邮箱'],
  ['sync', 'synchronise', 'synchronize', 'syncing', 'not updating', 'refresh', '同步', '不同步', '刷新'],
  ['calendar', 'meeting invite', 'appointment', 'schedule', '日历', '日程', '会议邀请'],
  ['quota', 'storage limit', 'mailbox full', 'out of space', 'no space', '空间不足', '已满', '满了', '容量'],
  ['teams', 'ms teams', 'microsoft teams', 'zoom', 'webex', 'video call', 'meeting', '会议', '视频会议', '腾讯会议'],
  ['audio', 'sound', 'microphone', 'mic', 'headset', 'speaker', 'headphones', 'earphones', 'echo', '声音', '音频', '麦克风', '耳机', '扬声器', '听不到', '没声音'],
  ['phishing', 'phish', 'suspicious email', 'scam', 'spoof', 'spam', 'fraud', '钓鱼', '钓鱼邮件', '诈骗', '可疑邮件', '垃圾邮件'],
  ['virus', 'malware', 'ransomware', 'trojan', 'spyware', 'infected', 'antivirus', 'defender', '病毒', '恶意软件', '木马', '勒索', '中毒', '杀毒'],
  // Devices
  ['printer', 'print', 'printing', 'mfp', 'copier', 'plotter', 'print queue', 'spooler', '打印机', '打印', '复印机', '打印队列'],
  ['offline', 'not responding', 'unavailable', '脱机', '离线', '无响应', '不可用'],
  ['scanner', 'scan', 'scan to email', '扫描', '扫描仪'],
  ['laptop', 'notebook', 'computer', 'pc', 'desktop', 'workstation', 'macbook', 'thinkpad', '电脑', '笔记本', '计算机', '台式机', '主机'],
  ['slow', 'sluggish', 'lag', 'laggy', 'freezing', 'freeze', 'frozen', 'hang', 'hangs', 'unresponsive', 'performance', '慢', '很慢', '卡', '卡顿', '死机', '反应慢', '运行慢'],
  ['monitor', 'screen', 'display', 'external monitor', 'second screen', 'projector', 'hdmi', 'displayport', 'docking station', 'dock', '显示器', '屏幕', '投影', '扩展屏', '显示屏', '拓展坞', '扩展坞'],
  ['no signal', 'black screen', 'blank screen', 'nothing on screen', '没有信号', '没信号', '无信号', '黑屏'],
  ['blue screen', 'bsod', 'stop code', 'crash', 'crashed', 'crashes', 'kernel panic', '蓝屏', '崩溃'],
  ['keyboard', 'mouse', 'trackpad', 'touchpad', 'peripheral', '键盘', '鼠标', '触控板'],
  ['phone', 'mobile', 'smartphone', 'iphone', 'android', 'tablet', 'ipad', 'cell phone', '手机', '平板', '移动设备'],
  ['lost', 'stolen', 'missing device', 'left behind', 'theft', '丢失', '丢了', '被盗', '遗失'],
  ['hardware', 'equipment', 'device', 'gear', 'accessory', '硬件', '设备', '配件'],
  ['battery', 'charger', 'charging', 'power adapter', 'power', "won't turn on", '电池', '充电', '充电器', '电源', '开不了机'],
  // Storage and data
  ['disk', 'drive', 'hard drive', 'ssd', 'hdd', 'storage', 'c drive', 'disk space', '磁盘', '硬盘', '存储', '磁盘空间'],
  ['shared drive', 'network drive', 'file share', 'shared folder', 'mapped drive', 'sharepoint', 'unc path', 'network share', '共享盘', '共享文件夹', '网络驱动器', '共享驱动器', '网盘', '共享目录'],
  ['restore', 'recover file', 'recovery', 'backup', 'previous version', 'undelete', 'recycle bin', 'deleted file', 'version history', '恢复', '还原', '备份', '误删', '删除的文件', '回收站'],
  ['file', 'document', 'folder', 'files', 'spreadsheet', '文件', '文档', '资料', '文件夹'],
  ['onedrive', 'cloud storage', 'dropbox', 'google drive', '云盘', '云存储'],
  ['database', 'db', 'sql', 'sql server', 'postgres', 'mysql', 'oracle', 'schema', '数据库'],
  // Software
  ['install', 'installation', 'installer', 'setup', 'deploy', 'download', 'software center', 'company portal', 'self service', '安装', '装', '下载', '软件中心'],
  ['software', 'application', 'app', 'program', 'licence', 'license', '软件', '应用', '程序', '许可证'],
  ['update', 'upgrade', 'patch', 'windows update', 'os update', 'macos update', 'restart required', 'reboot', '更新', '升级', '补丁', '系统更新', '重启'],
  ['browser', 'chrome', 'edge', 'firefox', 'safari', 'web browser', '浏览器'],
  ['certificate', 'cert', 'ssl', 'tls', 'https', 'not secure', 'your connection is not private', 'security warning', '证书', '安全证书', '不安全'],
  ['error', 'error message', 'fails', 'failed', 'failure', 'not working', "doesn't work", 'broken', 'problem', 'issue', '报错', '错误', '出错', '故障', '失败', '坏了', '不能用', '用不了', '问题'],
  // People and requests
  ['new hire', 'new starter', 'new employee', 'onboarding', 'joiner', 'first day', 'new colleague', '新员工', '入职', '新同事', '新人'],
  ['request', 'purchase', 'buy', 'procure', 'need a new', '申请', '采购', '购买', '申领'],
  ['help desk', 'helpdesk', 'service desk', 'it support', 'support', 'technician', 'agent', '服务台', '技术支持', '运维'],
];

/** Concept term for a group: a prefix no tokenizer output can start with. */
export function conceptTerm(groupIndex: number): string {
  return `~${groupIndex}`;
}
