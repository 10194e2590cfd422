import { ConstraintError, checkLabelAttribute, parseConstraint } from './constraint';

describe('parseConstraint', () => {
  it('reads attribute, operator and value, spaces allowed around the operator', () => {
    expect(parseConstraint(' node.labels.zone == eu ')).toEqual({ text: 'node.labels.zone == eu', attribute: 'node.labels.zone', equal: true, value: 'eu' });
    expect(parseConstraint('node.role!=manager')).toMatchObject({ attribute: 'node.role', equal: false, value: 'manager' });
    expect(parseConstraint('node.labels.site == us east')).toMatchObject({ value: 'us east' });
    expect(parseConstraint('engine.labels.com.example.disk==ssd')).toMatchObject({ attribute: 'engine.labels.com.example.disk', value: 'ssd' });
  });

  it.each([
    ['node.labels.zone=eu', /is not <attribute>==<value>/],
    ['zone==eu', /unknown attribute "zone"/],
    ['node.labels.==eu', /unknown attribute "node.labels."/],
    ['node.name==a', /unknown attribute "node.name"; use one of node.id, node.hostname/],
    ['node.labels.zone==', /has no value after ==/],
    ['node.labels.zone==eu==us', /second operator/],
    ['node.role==boss', /node.role is manager or worker/],
    ['', /is not <attribute>==<value>/],
  ])('refuses %j', (text, message) => {
    expect(() => parseConstraint(text)).toThrow(ConstraintError);
    expect(() => parseConstraint(text)).toThrow(message);
  });

  it('checks spread attributes are labels', () => {
    expect(() => checkLabelAttribute('node.labels.zone')).not.toThrow();
    expect(() => checkLabelAttribute('engine.labels.zone')).not.toThrow();
    expect(() => checkLabelAttribute('node.hostname')).toThrow(/is not node.labels.<key> or engine.labels.<key>/);
  });
});
