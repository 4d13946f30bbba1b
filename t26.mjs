import * as echarts from 'echarts';
const geo = {type:'FeatureCollection',features:[0,1,2].map(i=>({type:'Feature',properties:{name:'A'+i},geometry:{type:'Polygon',coordinates:[[[120+i,30],[121+i,30],[121+i,31],[120+i,31],[120+i,30]]]}}))};
echarts.registerMap('m1', geo);
const c = echarts.init(null,null,{renderer:'svg',ssr:true,width:400,height:300});
c.setOption({animation:false,visualMap:{min:0,max:2,text:['2','0'],inRange:{color:['#eee','#08306b']}},series:[{type:'map',map:'m1',data:[{name:'A0',value:0},{name:'A1',value:1},{name:'A2',value:2}],label:{show:true}}]});
const s=c.renderToSVGString(); console.log(s.length, (s.match(/<path/g)||[]).length, s.slice(0,300));
