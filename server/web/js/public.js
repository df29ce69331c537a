// Public pages without login or personal data: /results, /c/{tracking}, /r/{token}.
import { addStrings, api, clear, el, fmtTime, langSwitch, loc, month, pct, t } from './common.js';

addStrings({
  title_results: ['夜游好差评 · 公开结果', 'Yeyou ratings · published results', '야유 평가 · 공개 결과'],
  title_complaint: ['投诉办理进度', 'Complaint status', '민원 처리 현황'],
  title_rate: ['为夜游服务评价', 'Rate your night out', '야간 관광 평가'],
  month: ['月份', 'Month', '월'],
  venue: ['场所', 'Venue', '장소'], ratings: ['评价数', 'Ratings', '평가 수'], satisfaction: ['满意率', 'Satisfaction', '만족도'],
  bad_reviews: ['差评', 'Bad reviews', '나쁜 평가'], excluded: ['申诉剔除', 'Excluded on appeal', '이의 인정 제외'],
  rectification: ['整改率', 'Rectification', '개선율'], total: ['合计', 'Total', '합계'],
  no_data: ['本月暂无评价', 'No ratings this month', '이번 달 평가 없음'],
  tracking: ['受理编号', 'Tracking number', '접수 번호'], state: ['状态', 'Status', '상태'],
  received_at: ['受理时间', 'Received', '접수 시간'], closed_at: ['办结时间', 'Closed', '종결 시간'], outcome: ['处理结果', 'Outcome', '처리 결과'],
  not_found: ['未找到该编号', 'No complaint with this number', '해당 번호를 찾을 수 없습니다'],
  st_received: ['已受理', 'Received', '접수됨'], st_assigned: ['已分派', 'Assigned', '배정됨'], st_verifying: ['核实中', 'Being verified', '확인 중'],
  st_fixed: ['已整改', 'Fixed', '개선됨'], st_rectifying: ['限期整改中', 'Being rectified', '개선 중'], st_explained: ['已解释说明', 'Explained', '설명됨'],
  st_feedback_given: ['已反馈', 'Outcome sent', '결과 통보됨'], st_closed: ['已办结', 'Closed', '종결됨'],
  evaluate: ['您对处理结果满意吗？', 'Are you satisfied with the handling?', '처리 결과에 만족하십니까?'],
  ev_satisfied: ['满意', 'Satisfied', '만족'], ev_basically_satisfied: ['基本满意', 'Basically satisfied', '대체로 만족'], ev_dissatisfied: ['不满意', 'Dissatisfied', '불만족'],
  your_evaluation: ['您的评价', 'Your evaluation', '귀하의 평가'], thanks: ['感谢您的评价！', 'Thank you for your rating!', '평가해 주셔서 감사합니다!'],
  lv1: ['很好', 'Very good', '매우 좋음'], lv2: ['好', 'Good', '좋음'], lv3: ['一般', 'Average', '보통'], lv4: ['差', 'Bad', '나쁨'], lv5: ['很差', 'Very bad', '매우 나쁨'],
  rating_for: ['评价对象', 'You are rating', '평가 대상'], valid_until: ['有效期至', 'Valid until', '유효 기간'],
  choose_level: ['请选择评价等级（自愿评价）', 'Choose a level (rating is voluntary)', '등급을 선택하세요 (자율 평가)'],
  details: ['详细评价（可选）', 'Details (optional)', '상세 평가 (선택)'],
  q_guidance_clear: ['指引清楚', 'Guidance was clear', '안내가 명확함'], q_process_convenient: ['办理便捷', 'Process was convenient', '절차가 편리함'],
  q_steps_minimal: ['环节精简', 'Few steps needed', '단계가 간단함'], q_interface_friendly: ['界面友好', 'Interface was friendly', '화면이 친절함'],
  reasons: ['不满意的原因', 'What went wrong', '불만 이유'],
  r_crowding: ['拥挤', 'Crowding', '혼잡'], r_queueing: ['排队', 'Queueing', '대기'], r_prices: ['价格', 'Prices', '가격'], r_staff_attitude: ['服务态度', 'Staff attitude', '직원 태도'],
  r_cleanliness: ['卫生', 'Cleanliness', '청결'], r_safety: ['安全', 'Safety', '안전'], r_transport: ['交通', 'Transport', '교통'], r_information: ['信息', 'Information', '정보'],
  comment: ['意见建议', 'Suggestions', '의견'], submit: ['提交评价', 'Submit rating', '평가 제출'],
  used: ['此评价码已使用，每个评价码只能评价一次。', 'This link has already been used: one rating per link.', '이미 사용된 링크입니다. 링크당 한 번만 평가할 수 있습니다.'],
  expired: ['此评价码已过期。', 'This link has expired.', '이 링크는 만료되었습니다.'],
  bad_link: ['无效的评价码。', 'This rating link is not valid.', '유효하지 않은 링크입니다.'],
  kind_venue: ['场所', 'Venue', '장소'], kind_event: ['活动', 'Event', '행사'], kind_kiosk: ['服务终端', 'Service kiosk', '서비스 키오스크'], kind_service: ['服务', 'Service', '서비스'],
});

const root = document.getElementById('app');
const page = document.body.dataset.page;

function shell(titleKey, render) {
  const draw = () => {
    clear(root);
    document.title = t(titleKey);
    const content = el('main');
    root.append(el('header', { class: 'top' }, el('h1', { text: t(titleKey) }), langSwitch(['zh', 'en', 'ko'], draw)), content);
    render(content);
  };
  draw();
}

function results(main) {
  const picker = el('input', { type: 'month', id: 'month', value: new URLSearchParams(location.search).get('period') || month(0) });
  const out = el('div', { id: 'results' });
  const load = async () => {
    clear(out);
    try {
      const r = await api('GET', '/public/results?period=' + encodeURIComponent(picker.value));
      const tot = r.totals;
      out.append(el('p', { class: 'muted', id: 'totals' }, `${t('total')}: ${t('ratings')} ${tot.ratings} · ${t('satisfaction')} ${pct(tot.satisfaction_rate)} · ${t('bad_reviews')} ${tot.bad_reviews} · ${t('excluded')} ${tot.excluded_reviews}`));
      const rows = r.venues.filter(v => v.ratings > 0 || v.cases > 0);
      if (!rows.length) { out.append(el('p', { text: t('no_data') })); return; }
      out.append(el('div', { class: 'table-wrap' }, el('table', { id: 'results-table' },
        el('thead', {}, el('tr', {}, ...['venue', 'ratings', 'satisfaction', 'bad_reviews', 'excluded', 'rectification'].map(k => el('th', { text: t(k) })))),
        el('tbody', {}, ...rows.map(v => el('tr', { 'data-venue': v.venue_id },
          el('td', { text: loc(v.name) }), el('td', { text: v.ratings }), el('td', { text: pct(v.satisfaction_rate) }),
          el('td', { class: 'bad-count', text: v.bad_reviews }), el('td', { text: v.excluded_reviews }), el('td', { text: pct(v.rectification_rate) })))))));
    } catch (e) { out.append(el('p', { class: 'banner error', text: e.message })); }
  };
  picker.addEventListener('change', load);
  main.append(el('div', { class: 'card' }, el('label', { for: 'month', text: t('month') }), picker), out);
  load();
}

function complaint(main) {
  const tracking = decodeURIComponent(location.pathname.split('/').pop());
  const card = el('div', { class: 'card', id: 'complaint' });
  main.append(card);
  const load = async () => {
    clear(card);
    try {
      const c = await api('GET', '/public/complaints/' + encodeURIComponent(tracking));
      card.append(el('h2', {}, t('tracking') + ': ', el('span', { id: 'tracking', text: c.tracking_no })),
        el('p', {}, t('state') + ': ', el('strong', { id: 'state', 'data-state': c.state, text: t('st_' + c.state) })),
        el('p', { class: 'muted', text: `${t('received_at')}: ${fmtTime(c.received_at)} · ${t('closed_at')}: ${fmtTime(c.closed_at)}` }));
      if (c.outcome) card.append(el('h3', { text: t('outcome') }), el('p', { class: 'usertext', id: 'outcome', text: c.outcome }));
      if (c.evaluation) card.append(el('p', { id: 'evaluation', text: t('your_evaluation') + ': ' + t('ev_' + c.evaluation) }));
      else if (c.state === 'feedback_given' || c.state === 'closed') {
        card.append(el('h3', { text: t('evaluate') }), el('div', {}, ...['satisfied', 'basically_satisfied', 'dissatisfied'].map(v =>
          el('button', { 'data-verdict': v, onclick: async () => { await api('POST', `/public/complaints/${encodeURIComponent(tracking)}/evaluation`, { verdict: v }); load(); } }, t('ev_' + v)))));
      }
    } catch (e) { card.append(el('p', { class: 'banner error', text: e.status === 404 ? t('not_found') : e.message })); }
  };
  load();
}

function rate(main) {
  const token = location.pathname.split('/').pop();
  const card = el('div', { class: 'card', id: 'rate' });
  main.append(card);
  let level = 0;
  const answers = {};
  const load = async () => {
    clear(card);
    let link;
    try { link = await api('GET', '/public/rating-links/' + encodeURIComponent(token)); }
    catch (e) { card.append(el('p', { class: 'banner error', id: 'status', text: t('bad_link') })); return; }
    const what = link.subject.name ? loc(link.subject.name) : t('kind_' + link.subject.kind);
    card.append(el('p', {}, t('rating_for') + ': ', el('strong', { id: 'subject', text: what })),
      el('p', { class: 'muted', text: t('valid_until') + ' ' + fmtTime(link.expires_at) }));
    if (link.used) { card.append(el('p', { class: 'banner warn', id: 'status', text: t('used') })); return; }
    if (link.expired) { card.append(el('p', { class: 'banner warn', id: 'status', text: t('expired') })); return; }
    const levels = el('div', { class: 'levels' });
    const reasonsBox = el('div', { class: 'hidden', id: 'reasons' }, el('label', { text: t('reasons') }));
    const reasons = ['crowding', 'queueing', 'prices', 'staff_attitude', 'cleanliness', 'safety', 'transport', 'information'];
    for (const r of reasons) reasonsBox.append(el('label', {}, el('input', { type: 'checkbox', value: r, style: null, class: 'reason' }), ' ' + t('r_' + r)));
    for (let i = 1; i <= 5; i++) {
      levels.append(el('button', { 'data-level': i, onclick: (ev) => {
        level = i;
        for (const b of levels.children) b.classList.toggle('selected', b === ev.currentTarget);
        reasonsBox.classList.toggle('hidden', i < 4);
        submit.disabled = false;
      } }, t('lv' + i)));
    }
    const qs = ['guidance_clear', 'process_convenient', 'steps_minimal', 'interface_friendly'];
    const details = el('details', {}, el('summary', { text: t('details') }),
      ...qs.map(q => el('label', {}, el('select', { 'data-q': q, onchange: (ev) => { const v = ev.target.value; if (v === '') delete answers[q]; else answers[q] = v === 'yes'; } },
        el('option', { value: '' }, '—'), el('option', { value: 'yes' }, '✓'), el('option', { value: 'no' }, '✗')), ' ' + t('q_' + q))));
    const comment = el('textarea', { id: 'comment', maxlength: 2000 });
    const msg = el('div', { id: 'status' });
    const submit = el('button', { id: 'submit', disabled: true, onclick: async () => {
      submit.disabled = true;
      const body = { level, answers, comment: comment.value.trim() };
      if (level >= 4) body.reasons = [...reasonsBox.querySelectorAll('input.reason:checked')].map(i => i.value);
      try {
        await api('POST', `/public/rating-links/${encodeURIComponent(token)}/rating`, body);
        clear(card).append(el('p', { class: 'banner ok', id: 'status', text: t('thanks') }));
      } catch (e) {
        clear(msg).append(el('p', { class: 'banner error', text: e.status === 409 ? t('used') : e.status === 410 ? t('expired') : e.message }));
        submit.disabled = e.status === 409 || e.status === 410;
      }
    } }, t('submit'));
    card.append(el('p', { text: t('choose_level') }), levels, reasonsBox, details, el('label', { for: 'comment', text: t('comment') }), comment, submit, msg);
  };
  load();
}

if (page === 'results') shell('title_results', results);
else if (page === 'complaint') shell('title_complaint', complaint);
else if (page === 'rate') shell('title_rate', rate);
